import { money, multiplyByRatio, sum, ValidationError, type Currency, type Money } from '@elan/domain-kernel';
import type { TipState } from './tip.state';

/**
 * The platform's public tip ledger: what tips brought in, month by month. Pure: it is given one
 * line per paid pledge and knows no id, name or e-mail, so what it publishes cannot identify
 * anyone. Definitions (quoted by the README for the web front and the e-mails):
 *
 * - a month is the UTC calendar month in which the pledge (and its tip) was paid;
 * - `contributions`: paid pledges of the month, whatever their tip (0 included); a pledge later
 *   refunded with its tip leaves the ledger, a tip refunded alone leaves its pledge counted;
 * - `tips`: tips above 0 still paid (not refunded); `total`: their sum;
 * - `tippedPerMille`: `tips / contributions` in ‰, rounded half-even (0 when no contribution);
 * - `average`: `total / tips`, rounded half-even to the cent; `median`: the middle tip, the lower
 *   of the two middle ones for an even count (always an amount someone actually gave);
 *   both `null` in a month without tips.
 */

/** One paid pledge's tip, as the ledger sees it. */
export interface LedgerTip {
  /** The payment's UTC month, `YYYY-MM`. */
  readonly paidMonth: string;
  /** The tip chosen with the pledge; 0 when the contributor chose none. */
  readonly amount: Money;
  /** The tip was refunded alone; its pledge stays paid. */
  readonly refunded: boolean;
}

/** One month of the public ledger. */
export interface TipLedgerMonth {
  readonly month: string;
  readonly total: Money;
  readonly tips: number;
  readonly contributions: number;
  readonly tippedPerMille: number;
  readonly average: Money | null;
  readonly median: Money | null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** ISO 4217's code for "no currency": counts are divided with the same exact integer helper as money. */
const COUNT = 'XXX';

/** `part / whole` in ‰, rounded half-even. */
const perMille = (part: number, whole: number): number =>
  whole === 0 ? 0 : multiplyByRatio(money(part, COUNT), 1_000, whole, 'half_even').amount;

/** The lower middle for an even count, so the median is always a tip someone gave. */
const lowerMedian = (sorted: readonly Money[]): Money | null =>
  sorted.length === 0 ? null : (sorted[(sorted.length - 1) >> 1] ?? null);

const monthOf = (lines: readonly LedgerTip[], month: string, currency: Currency): TipLedgerMonth => {
  const given = lines
    .filter((line) => !line.refunded && line.amount.amount > 0)
    .map((line) => line.amount)
    .sort((a, b) => a.amount - b.amount);
  const total = sum(given, currency);
  return {
    month,
    total,
    tips: given.length,
    contributions: lines.length,
    tippedPerMille: perMille(given.length, lines.length),
    average: given.length === 0 ? null : multiplyByRatio(total, 1, given.length, 'half_even'),
    median: lowerMedian(given),
  };
};

/** The ledger's months, oldest first; only months with at least one paid pledge appear. */
export const tipLedger = (lines: readonly LedgerTip[], currency: Currency): TipLedgerMonth[] => {
  const byMonth = new Map<string, LedgerTip[]>();
  for (const line of lines) {
    if (!MONTH.test(line.paidMonth))
      throw new ValidationError(`paidMonth must be YYYY-MM, got ${line.paidMonth}`, { field: 'paidMonth' });
    if (line.amount.currency !== currency)
      throw new ValidationError(`the ledger is kept in ${currency}, got ${line.amount.currency}`, { field: 'amount' });
    byMonth.set(line.paidMonth, [...(byMonth.get(line.paidMonth) ?? []), line]);
  }
  return [...byMonth.keys()].sort().map((month) => monthOf(byMonth.get(month) ?? [], month, currency));
};

/**
 * The ledger's line for one tip stream: a paid tip, or one refunded alone; none for a tip not paid
 * yet, released, or refunded with its pledge (that pledge no longer counts as a contribution).
 */
export const ledgerLineOf = (tip: TipState): LedgerTip | undefined => {
  if (tip.status === 'paid') return { paidMonth: tip.paidAt.slice(0, 7), amount: tip.amount, refunded: false };
  if (tip.status === 'refunded' && tip.refundedAs !== 'pledge')
    return { paidMonth: tip.paidAt.slice(0, 7), amount: tip.amount, refunded: true };
  return undefined;
};
