/** One valid and one invalid payload for each reconciliation report request (test data only). */
const ADMIN = { accountId: '0195f0a0-0000-7000-8000-00000000a001', roles: ['admin'] };
const CAMPAIGN = '0195f0a0-0000-7000-8000-00000000c001';
const RUN = '0195f0a0-0000-7000-8000-00000000d001';
const MISMATCH = '0195f0a0-0000-7000-8000-00000000d002';
const AT = '2026-06-01T00:15:00.000Z';

interface Invalid {
  readonly field: string;
  readonly payload: unknown;
}
type Sample = { request: { valid: unknown; invalid: Invalid }; reply: { valid: unknown[]; invalid: Invalid } };

const figures = {
  currency: 'EUR',
  transferred: 5_000,
  awaitingTransfer: 0,
  stillDue: 0,
  feesBorne: 230,
};
const run = {
  runId: RUN,
  startedAt: AT,
  finishedAt: AT,
  ok: false,
  checked: {
    campaigns: 1,
    pledges: 2,
    tips: 1,
    payments: 2,
    refunds: 0,
    transfers: 1,
    balanceTransactions: 3,
    statements: 1,
    eventsVerified: 40,
  },
  totals: [
    { ...figures, pledgesCollected: 5_000, pledgesRefunded: 0, tipsCollected: 300, tipsRefunded: 0, outstandingAdvances: 0 },
  ],
  campaigns: [{ ...figures, campaignId: CAMPAIGN, collected: 5_000, refunded: 0, outstandingAdvance: 0 }],
};
const mismatch = {
  mismatchId: MISMATCH,
  kind: 'payment_amount',
  key: 'payment_amount:pi_3QxYz',
  campaignId: CAMPAIGN,
  paymentIntentId: 'pi_3QxYz',
  streams: [`pledge-0195f0a0-0000-7000-8000-00000000f001`],
  stripeObjects: ['pi_3QxYz'],
  expected: { amount: 3_300, currency: 'EUR' },
  actual: { amount: 3_299, currency: 'EUR' },
  detail: 'Stripe received 3299 on pi_3QxYz; Élan’s pledge part (3000) + tip part (300) = 3300',
  firstSeenAt: AT,
  lastSeenAt: AT,
};

const report = (): Sample => ({
  request: { valid: { actor: ADMIN }, invalid: { field: 'actor', payload: {} } },
  reply: {
    valid: [
      { run, mismatches: [mismatch] },
      { run: null, mismatches: [] },
    ],
    invalid: { field: 'mismatches.0.kind', payload: { run: null, mismatches: [{ ...mismatch, kind: 'altered' }] } },
  },
});

export const reconciliationReportSamples: Record<string, Sample> = {
  'rpc.payout.GetReconciliationReport.v1': report(),
  'rpc.payout.RunReconciliation.v1': report(),
};
