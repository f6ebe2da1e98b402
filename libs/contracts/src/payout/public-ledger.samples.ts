/**
 * One valid and one invalid payload for each public ledger request, in the shape of the catalog
 * test's samples (test data only).
 */
const CAMPAIGN = '0195f0a0-0000-7000-8000-00000000c001';
const LEDGER = `payoutledger-${CAMPAIGN}`;
const STATEMENT = 'payout-0195f0a0-0000-7000-8000-00000000d001';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const fact = (streamId: string, position: number, digit: string) => ({ streamId, position, hash: digit.repeat(64) });

interface Invalid {
  readonly field: string;
  readonly payload: unknown;
}
type Sample = { request: { valid: unknown; invalid: Invalid }; reply: { valid: unknown[]; invalid: Invalid } };

const ledger = {
  campaignId: CAMPAIGN,
  currency: 'EUR',
  head: fact(LEDGER, 6, 'f'),
  collected: { count: 3, amount: eur(7_000), facts: [fact(LEDGER, 2, 'a'), fact(LEDGER, 3, 'b'), fact(LEDGER, 4, 'c')] },
  refunded: { count: 1, amount: eur(1_000), facts: [fact(LEDGER, 5, 'd')] },
  paidOut: { count: 1, amount: eur(6_000), facts: [fact(STATEMENT, 5, 'e')] },
  reversed: { count: 0, amount: eur(0), facts: [] },
  stillDue: eur(0),
  stillDueFacts: [],
  advancedByPlatform: eur(0),
  balances: true,
  chains: [
    { streamId: LEDGER, ok: true, eventsChecked: 6, firstBrokenLink: null },
    { streamId: STATEMENT, ok: true, eventsChecked: 5, firstBrokenLink: null },
  ],
  verified: true,
};

const month = {
  month: '2026-11',
  currency: 'EUR',
  pledgesCollected: { count: 3, amount: eur(7_000) },
  pledgesRefunded: { count: 1, amount: eur(1_000) },
  paidOut: { count: 1, amount: eur(6_000) },
  advancesReversed: { count: 0, amount: eur(0) },
  processingFeesBorne: eur(231),
};

export const publicLedgerRequestSamples: Record<string, Sample> = {
  'rpc.payout.GetCampaignLedger.v1': {
    request: { valid: { campaignId: CAMPAIGN }, invalid: { field: 'campaignId', payload: { campaignId: 'my-campaign' } } },
    reply: {
      valid: [
        ledger,
        {
          ...ledger,
          chains: [{ streamId: LEDGER, ok: false, eventsChecked: 3, firstBrokenLink: { position: 3, reason: 'hash_mismatch' } }],
          verified: false,
        },
      ],
      invalid: { field: 'head.hash', payload: { ...ledger, head: { streamId: LEDGER, position: 6, hash: 'F00D' } } },
    },
  },
  'rpc.payout.GetPayoutMonths.v1': {
    request: {
      valid: { from: '2026-01', to: '2026-12' },
      invalid: { field: 'from', payload: { from: '2026-12', to: '2026-01' } },
    },
    reply: {
      valid: [{ months: [month] }, { months: [] }],
      invalid: { field: 'months.0.month', payload: { months: [{ ...month, month: '2026-13' }] } },
    },
  },
};
