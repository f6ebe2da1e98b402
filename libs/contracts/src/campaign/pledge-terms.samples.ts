/**
 * One valid and one invalid payload for the pledge terms the campaign service gives the pledge
 * service, for the catalog test. Test data only: imported by `catalog.unit.spec.ts`.
 */
const CAMPAIGN = '0195f0a0-0000-7000-8000-00000000c003';
const HOLDER = '0195f0a0-0000-7000-8000-00000000a006';
const TIER = '0195f0a0-0000-7000-8000-00000000d004';
const eur = (amount: number) => ({ amount, currency: 'EUR' });

interface Invalid {
  readonly field: string;
  readonly payload: unknown;
}
type Sample = { request: { valid: unknown; invalid: Invalid }; reply: { valid: unknown[]; invalid: Invalid } };

const terms = {
  campaignId: CAMPAIGN,
  holderId: HOLDER,
  title: 'Un four à pain',
  status: 'live',
  fundingModel: 'all_or_nothing',
  currency: 'EUR',
  deadline: '2026-04-15T20:00:00Z',
};
const tier = { tierId: TIER, minimum: eur(2_000), limited: true, open: true };

export const pledgeTermsSamples: Record<string, Sample> = {
  'rpc.campaign.GetPledgeTerms.v1': {
    request: {
      valid: { campaignId: CAMPAIGN, tierId: TIER },
      invalid: { field: 'tierId', payload: { campaignId: CAMPAIGN, tierId: 'gold' } },
    },
    reply: {
      valid: [
        { ...terms, tier },
        { ...terms, status: 'draft', deadline: null },
      ],
      invalid: { field: 'tier.minimum.amount', payload: { ...terms, tier: { ...tier, minimum: eur(20.5) } } },
    },
  },
};
