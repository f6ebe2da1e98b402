import type { getPayoutMonths, ReplyOf } from '@elan/contracts';

export type PayoutMonth = ReplyOf<typeof getPayoutMonths>['months'][number];

/** What each payout fact adds to a month. */
export type MonthFigure = 'collected' | 'refunded' | 'paid' | 'reversed' | 'fees';

/** One sum of the payout events: a figure of a month in a currency. */
export interface MonthSum {
  readonly figure: MonthFigure;
  readonly month: string;
  readonly currency: string;
  readonly count: number;
  readonly amount: number;
}

/**
 * The events each figure sums, the time that places it in a month, and its amount. Money
 * moves when these say it did: a pledge when charged, a refund when given back, a statement
 * when paid, a reversal when made; fees when Stripe told them.
 */
export const MONTH_FIGURES: readonly {
  readonly figure: MonthFigure;
  readonly type: string;
  readonly prefix: string;
  readonly at: string;
  readonly amount: string;
}[] = [
  { figure: 'collected', type: 'PledgeChargeRecorded', prefix: 'payoutledger-', at: 'chargedAt', amount: 'amount' },
  { figure: 'refunded', type: 'PledgeRefundRecorded', prefix: 'payoutledger-', at: 'refundedAt', amount: 'amount' },
  { figure: 'reversed', type: 'AdvanceReversalRecorded', prefix: 'payoutledger-', at: 'reversedAt', amount: 'amount' },
  { figure: 'paid', type: 'StatementPaid', prefix: 'payout-', at: 'paidAt', amount: 'amount' },
  { figure: 'fees', type: 'StatementFeesRecorded', prefix: 'payout-', at: 'recordedAt', amount: 'processingFees' },
];

const zero = (currency: string) => ({ count: 0, amount: { amount: 0, currency } });

/** The sums folded into one row per month and currency, oldest first, then by currency (pure). */
export function payoutMonthsOf(sums: readonly MonthSum[]): PayoutMonth[] {
  const rows = new Map<string, PayoutMonth>();
  for (const { figure, month, currency, count, amount } of sums) {
    const key = `${month} ${currency}`;
    const row = rows.get(key) ?? {
      month,
      currency,
      pledgesCollected: zero(currency),
      pledgesRefunded: zero(currency),
      paidOut: zero(currency),
      advancesReversed: zero(currency),
      processingFeesBorne: { amount: 0, currency },
    };
    const tally = { count, amount: { amount, currency } };
    if (figure === 'collected') row.pledgesCollected = add(row.pledgesCollected, tally);
    if (figure === 'refunded') row.pledgesRefunded = add(row.pledgesRefunded, tally);
    if (figure === 'paid') row.paidOut = add(row.paidOut, tally);
    if (figure === 'reversed') row.advancesReversed = add(row.advancesReversed, tally);
    if (figure === 'fees') row.processingFeesBorne = { amount: row.processingFeesBorne.amount + amount, currency };
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) =>
    a.month === b.month ? a.currency.localeCompare(b.currency) : a.month.localeCompare(b.month),
  );
}

type Tally = PayoutMonth['paidOut'];
const add = (a: Tally, b: Tally): Tally => ({
  count: a.count + b.count,
  amount: { amount: a.amount.amount + b.amount.amount, currency: a.amount.currency },
});
