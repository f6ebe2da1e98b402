import type { CampaignViewStatus } from './campaign-view.entity';

/**
 * The figures a campaign page computes when it is read, in integers only: money is minor units
 * and a percentage of it is worked out with BigInt, never through a float.
 */

/** `committed × 100 / goal`, rounded down; null without a positive goal. */
export const percentOfGoal = (committed: number, goal: number | null): number | null => {
  if (goal === null || goal <= 0) return null;
  if (!Number.isSafeInteger(committed) || !Number.isSafeInteger(goal)) throw new RangeError('amounts are safe integers');
  // Both non-negative, so BigInt's truncation is the floor.
  return Number((BigInt(Math.max(0, committed)) * 100n) / BigInt(goal));
};

/** Whole seconds until the deadline while live, 0 once it has passed; null when not live. */
export const timeLeftSeconds = (status: CampaignViewStatus, deadline: Date | null, now: Date): number | null => {
  if (status !== 'live' || deadline === null) return null;
  const ms = deadline.getTime() - now.getTime();
  return ms <= 0 ? 0 : (ms - (ms % 1000)) / 1000;
};

/** Units left in a tier; null when it is unlimited. Never negative, even if the stock lags. */
export const remainingUnits = (quantityLimit: number | null, unitsTaken: number): number | null =>
  quantityLimit === null ? null : Math.max(0, quantityLimit - unitsTaken);

/** A stretch goal is reached once the committed amount, in the same currency, is at least its amount. */
export const stretchGoalReached = (
  committed: { readonly amount: number; readonly currency: string },
  goal: { readonly amount: number; readonly currency: string },
): boolean => committed.currency === goal.currency && committed.amount >= goal.amount;
