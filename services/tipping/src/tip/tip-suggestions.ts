import { compare, money, multiplyByRatio, ValidationError, type Money, type RoundingMode } from '@elan/domain-kernel';

/** 100 % in basis points: shares of a pledge are integers, 1 bp = 0.01 %. */
export const WHOLE_BPS = 10_000;

/**
 * How tips are suggested for a pledge. Every number is an integer: shares in basis points
 * (500 = 5 %), amounts and the step in minor units of the pledge's currency.
 */
export interface TipSuggestionPolicy {
  /** Shares of the pledge to suggest, each 1…10 000 bp. */
  readonly sharesBps: readonly number[];
  /** Fixed amounts to suggest as well, each positive. */
  readonly fixedAmounts: readonly number[];
  /** A share's amount is rounded to a multiple of this (50: 50 cents), so suggestions read well. */
  readonly step: number;
  /** How a share's amount is rounded to the step; `down` never suggests more than the share named. */
  readonly rounding: RoundingMode;
  /** Suggestions above this share of the pledge are left out, so a small pledge is never asked a large tip. */
  readonly maxShareBps: number;
}

/** 5 %, 10 % and 15 %, rounded down to 50 cents, none above 20 % of the pledge. */
export const DEFAULT_TIP_SUGGESTION_POLICY: TipSuggestionPolicy = {
  sharesBps: [500, 1_000, 1_500],
  fixedAmounts: [],
  step: 50,
  rounding: 'down',
  maxShareBps: 2_000,
};

/** One suggested tip, as the checkout shows it: an amount and its share of the pledge. */
export interface TipSuggestion {
  readonly amount: Money;
  /** The amount's share of the pledge in basis points, rounded half-even (1 050 = 10.5 %). */
  readonly shareBps: number;
  /** Never pre-selected: the contributor chooses, 0 included. */
  readonly preselected: false;
}

const requireInteger = (field: string, value: number, min: number, max: number = Number.MAX_SAFE_INTEGER): void => {
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new ValidationError(`${field} must be an integer from ${min} to ${max}, got ${String(value)}`, { field });
};

const checkPolicy = (policy: TipSuggestionPolicy): void => {
  policy.sharesBps.forEach((share) => requireInteger('sharesBps', share, 1, WHOLE_BPS));
  policy.fixedAmounts.forEach((amount) => requireInteger('fixedAmounts', amount, 1));
  requireInteger('step', policy.step, 1);
  requireInteger('maxShareBps', policy.maxShareBps, 0);
};

/** `amount`'s share of `pledge` in basis points, rounded half-even. */
export const shareOfPledgeBps = (amount: Money, pledge: Money): number =>
  multiplyByRatio(amount, WHOLE_BPS, pledge.amount, 'half_even').amount;

/** `share` bp of the pledge, rounded as the policy says to a multiple of its step. */
const amountForShare = (pledge: Money, shareBps: number, policy: TipSuggestionPolicy): Money => {
  const steps = multiplyByRatio(pledge, shareBps, WHOLE_BPS * policy.step, policy.rounding);
  return multiplyByRatio(steps, policy.step, 1, 'down');
};

/** Compared exactly as `amount × 10 000 ≤ pledge × max`, so no rounding decides what is left out. */
const withinMaxShare = (amount: Money, pledge: Money, policy: TipSuggestionPolicy): boolean =>
  compare(multiplyByRatio(amount, WHOLE_BPS, 1, 'down'), multiplyByRatio(pledge, policy.maxShareBps, 1, 'down')) <= 0;

/**
 * The tips to offer with a pledge, smallest first: always 0 first, then each distinct positive
 * amount the policy gives that stays within its largest share. Nothing is pre-selected.
 */
export const suggestTips = (pledge: Money, policy: TipSuggestionPolicy = DEFAULT_TIP_SUGGESTION_POLICY): TipSuggestion[] => {
  if (!Number.isSafeInteger(pledge.amount) || pledge.amount <= 0)
    throw new ValidationError('tips are suggested for a positive pledge', { field: 'amount' });
  const zero = money(0, pledge.currency);
  checkPolicy(policy);
  const candidates = [
    ...policy.sharesBps.map((share) => amountForShare(pledge, share, policy)),
    ...policy.fixedAmounts.map((amount) => money(amount, pledge.currency)),
  ];
  const amounts = [
    ...new Set(candidates.filter((amount) => amount.amount > 0 && withinMaxShare(amount, pledge, policy)).map((a) => a.amount)),
  ]
    .sort((a, b) => a - b)
    .map((amount) => money(amount, pledge.currency));
  return [zero, ...amounts].map((amount) => ({ amount, shareBps: shareOfPledgeBps(amount, pledge), preselected: false }));
};
