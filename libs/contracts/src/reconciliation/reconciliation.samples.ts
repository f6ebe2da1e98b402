/**
 * One valid and one invalid payload for each reconciliation request, in the shape of the catalog
 * test's samples (test data only).
 */
const PLEDGE = '0195f0a0-0000-7000-8000-00000000f001';
const CAMPAIGN = '0195f0a0-0000-7000-8000-00000000c001';
const TIP = '0195f0a0-0000-7000-8000-00000000e001';
const HASH = 'b'.repeat(64);
const eur = (amount: number) => ({ amount, currency: 'EUR' });

interface Invalid {
  readonly field: string;
  readonly payload: unknown;
}
type Sample = { request: { valid: unknown; invalid: Invalid }; reply: { valid: unknown[]; invalid: Invalid } };

const page = { valid: { after: PLEDGE, limit: 500 }, invalid: { field: 'limit', payload: { limit: 501 } } };

const pledgeFact = {
  pledgeId: PLEDGE,
  campaignId: CAMPAIGN,
  paymentIntentId: 'pi_3QxYz',
  paid: eur(2_500),
  refunded: null,
  stream: { streamId: `pledge-${PLEDGE}`, position: 4, hash: HASH },
};
const tipFact = {
  tipId: TIP,
  pledgeId: PLEDGE,
  paymentIntentId: 'pi_3QxYz',
  paid: eur(300),
  refunded: eur(300),
  stream: { streamId: `tip-${PLEDGE}`, position: 3, hash: HASH },
};

const verified = (): Sample => ({
  request: { valid: {}, invalid: { field: '', payload: null } },
  reply: {
    valid: [
      { ok: true, eventsChecked: 120, firstBrokenLink: null },
      {
        ok: false,
        eventsChecked: 120,
        firstBrokenLink: { streamId: `pledge-${PLEDGE}`, streamPosition: 2, globalPosition: 57, reason: 'hash_mismatch' },
      },
    ],
    invalid: {
      field: 'firstBrokenLink.reason',
      payload: {
        ok: false,
        eventsChecked: 1,
        firstBrokenLink: { streamId: 'x', streamPosition: 1, globalPosition: 1, reason: 'altered' },
      },
    },
  },
});

export const reconciliationRequestSamples: Record<string, Sample> = {
  'rpc.pledge.GetPledgePaymentFacts.v1': {
    request: page,
    reply: {
      valid: [
        { facts: [pledgeFact], next: PLEDGE },
        { facts: [], next: null },
      ],
      invalid: { field: 'facts.0.paid.amount', payload: { facts: [{ ...pledgeFact, paid: eur(12.5) }], next: null } },
    },
  },
  'rpc.tipping.GetTipPaymentFacts.v1': {
    request: page,
    reply: {
      valid: [{ facts: [tipFact], next: null }],
      invalid: {
        field: 'facts.0.stream.hash',
        payload: { facts: [{ ...tipFact, stream: { ...tipFact.stream, hash: 'x' } }], next: null },
      },
    },
  },
  'rpc.pledge.VerifyMoneyStreams.v1': verified(),
  'rpc.tipping.VerifyMoneyStreams.v1': verified(),
};
