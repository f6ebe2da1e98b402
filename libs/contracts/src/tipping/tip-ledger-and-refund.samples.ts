/**
 * One valid and one invalid payload for the tip ledger and the tip refund, for the catalog test.
 * Test data only: imported by `catalog.unit.spec.ts`.
 */
const PLEDGE = '0195f0a0-0000-7000-8000-00000000f003';
const eur = (amount: number) => ({ amount, currency: 'EUR' });

interface Invalid {
  readonly field: string;
  readonly payload: unknown;
}
type Sample = { request: { valid: unknown; invalid: Invalid }; reply: { valid: unknown[]; invalid: Invalid } };

/** 40 paid pledges, 25 of them tipped: 625 ‰; average 7 500 / 25 = 300, median the 13th tip. */
const march = {
  month: '2026-03',
  total: eur(7_500),
  tips: 25,
  contributions: 40,
  tippedPerMille: 625,
  average: eur(300),
  median: eur(250),
};
const aprilWithoutTips = {
  month: '2026-04',
  total: eur(0),
  tips: 0,
  contributions: 3,
  tippedPerMille: 0,
  average: null,
  median: null,
};
const refunded = { pledgeId: PLEDGE, tipId: PLEDGE, amount: eur(250), refundedAt: '2026-04-02T14:00:00Z' };

export const tipLedgerAndRefundSamples: Record<string, Sample> = {
  'rpc.tipping.GetTipLedger.v1': {
    request: {
      valid: { currency: 'EUR', from: '2026-01', to: '2026-04' },
      invalid: { field: 'from', payload: { currency: 'EUR', from: '2026-13' } },
    },
    reply: {
      valid: [
        { currency: 'EUR', months: [march, aprilWithoutTips] },
        { currency: 'EUR', months: [] },
      ],
      invalid: { field: 'months.0.tippedPerMille', payload: { currency: 'EUR', months: [{ ...march, tippedPerMille: 1_250 }] } },
    },
  },
  'rpc.tipping.RefundTip.v1': {
    request: {
      valid: {
        actor: { ref: 'guest:9f2c4e1a7b3d5f60812a4c6e8b0d2f4163a5c7e9b1d3f5072846a8c0e2b4d6f8', roles: [] },
        pledgeId: PLEDGE,
      },
      invalid: {
        field: 'actor.ref',
        payload: { actor: { ref: 'camille.martin@example.org', roles: ['contributor'] }, pledgeId: PLEDGE },
      },
    },
    reply: {
      valid: [
        { ...refunded, refundedAs: 'contributor' },
        { ...refunded, refundedAs: 'pledge' },
      ],
      invalid: { field: 'refundedAs', payload: { ...refunded, refundedAs: 'holder' } },
    },
  },
};
