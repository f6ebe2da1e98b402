import type { getPayoutMonths, getTipLedger, ReplyOf } from '@elan/contracts';

type PayoutMonth = ReplyOf<typeof getPayoutMonths>['months'][number];
type TipLedger = ReplyOf<typeof getTipLedger>;

/** A month of the platform in one currency, as `GET /api/transparency` shows it. */
export type PlatformMonth = Omit<PayoutMonth, 'processingFeesBorne'> & {
  tipsReceived: { count: number; amount: { amount: number; currency: string } };
  processingFeesBorne: PayoutMonth['processingFeesBorne'];
};

/** The currency the platform always reports, even before any payout: its tips are asked in it. */
export const PLATFORM_CURRENCY = 'EUR';

/** The currencies whose tips to ask for: the platform's, and every currency pledges were paid in. */
export const currenciesOf = (months: readonly PayoutMonth[]): string[] =>
  [...new Set([PLATFORM_CURRENCY, ...months.map((m) => m.currency)])].sort();

const none = (currency: string) => ({ count: 0, amount: { amount: 0, currency } });

/**
 * The payout service's months and the tipping service's ledgers side by side (pure): one row per
 * month and currency that either has, oldest first, then by currency; zeros where one has nothing.
 */
export function platformMonthsOf(payouts: readonly PayoutMonth[], tips: readonly TipLedger[]): PlatformMonth[] {
  const rows = new Map<string, PlatformMonth>();
  const rowOf = (month: string, currency: string): PlatformMonth => {
    const key = `${month} ${currency}`;
    const row = rows.get(key) ?? {
      month,
      currency,
      pledgesCollected: none(currency),
      pledgesRefunded: none(currency),
      paidOut: none(currency),
      advancesReversed: none(currency),
      tipsReceived: none(currency),
      processingFeesBorne: { amount: 0, currency },
    };
    rows.set(key, row);
    return row;
  };
  for (const payout of payouts) Object.assign(rowOf(payout.month, payout.currency), payout);
  for (const ledger of tips)
    for (const month of ledger.months)
      rowOf(month.month, ledger.currency).tipsReceived = { count: month.tips, amount: month.total };
  return [...rows.values()].sort((a, b) =>
    a.month === b.month ? a.currency.localeCompare(b.currency) : a.month.localeCompare(b.month),
  );
}
