/**
 * One valid and one invalid payload for each recipient request, for the catalog test.
 * Test data only: imported by `catalog.unit.spec.ts`.
 */
const PLEDGE = '0190f3a4-5b6c-7d8e-9f01-000000000003';
const HOLDER = '0190f3a4-5b6c-7d8e-9f01-000000000001';

interface Invalid {
  readonly field: string;
  readonly payload: unknown;
}
type Sample = { request: { valid: unknown; invalid: Invalid }; reply: { valid: unknown[]; invalid: Invalid } };

const replies = {
  valid: [
    { status: 'found', email: 'camille@example.org', name: 'Camille', language: 'fr' },
    { status: 'found', email: 'sam@example.org', name: null, language: 'en' },
    { status: 'erased' },
    { status: 'unknown' },
  ],
  invalid: { field: 'language', payload: { status: 'found', email: 'camille@example.org', name: null, language: 'de' } },
};

export const mailRecipientSamples: Record<string, Sample> = {
  'rpc.pledge.GetPledgeRecipient.v1': {
    request: { valid: { pledgeId: PLEDGE }, invalid: { field: 'pledgeId', payload: { pledgeId: 'pledge-1' } } },
    reply: replies,
  },
  'rpc.gateway.GetAccountRecipient.v1': {
    request: { valid: { accountId: HOLDER }, invalid: { field: 'accountId', payload: { accountId: 'camille@example.org' } } },
    reply: replies,
  },
};
