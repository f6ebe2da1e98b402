/**
 * One valid and one invalid payload for `GetTipLedger` and `RefundTip`, in the shape of the
 * catalog test's samples (test data only). They join `tippingRequestSamples` when the two
 * contracts are listed in `catalog.ts`; until then `tip-ledger-and-refund.unit.spec.ts` runs them.
 */
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const PLEDGE = '01950000-0000-7000-8000-0000000b0001';
const ACCOUNT = '01950000-0000-7000-8000-000000000010';
const GUEST = `guest:${'ab'.repeat(32)}`;
const october = {
  month: '2026-10',
  total: eur(800),
  tips: 2,
  contributions: 3,
  tippedPerMille: 667,
  average: eur(400),
  median: eur(300),
};
const refunded = {
  pledgeId: PLEDGE,
  tipId: PLEDGE,
  amount: eur(300),
  refundedAs: 'contributor',
  refundedAt: '2026-11-03T09:00:00Z',
};

interface Invalid {
  readonly field: string;
  readonly payload: unknown;
}
type Sample = { request: { valid: unknown; invalid: Invalid }; reply: { valid: unknown[]; invalid: Invalid } };

export const tipLedgerAndRefundSamples: Record<string, Sample> = {
  'rpc.tipping.GetTipLedger.v1': {
    request: {
      valid: { currency: 'EUR', from: '2026-01', to: '2026-12' },
      invalid: { field: 'from', payload: { currency: 'EUR', from: '2026-13' } },
    },
    reply: {
      valid: [
        { currency: 'EUR', months: [october] },
        { currency: 'EUR', months: [{ ...october, total: eur(0), tips: 0, tippedPerMille: 0, average: null, median: null }] },
        { currency: 'CHF', months: [] },
      ],
      invalid: { field: 'months.0.contributions', payload: { currency: 'EUR', months: [{ ...october, contributions: 0 }] } },
    },
  },
  'rpc.tipping.RefundTip.v1': {
    request: {
      valid: { actor: { ref: GUEST, roles: [] }, pledgeId: PLEDGE },
      invalid: { field: 'actor.ref', payload: { actor: { ref: 'guest:someone@example.org', roles: [] }, pledgeId: PLEDGE } },
    },
    reply: {
      valid: [refunded, { ...refunded, refundedAs: 'admin' }, { ...refunded, refundedAs: 'pledge', tipId: ACCOUNT }],
      invalid: { field: 'refundedAs', payload: { ...refunded, refundedAs: 'holder' } },
    },
  },
};
