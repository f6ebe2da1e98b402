import { ForbiddenError, IllegalStateError, money, NotFoundError } from '@elan/domain-kernel';
import type { ActorMetadata, TimedMetadata } from './pledge.commands';
import { isIn, type ExistingPledge, type PledgeIn, type PledgeState, type PledgeStatus } from './pledge.state';
import type { Instant, Settlement } from './pledge.values';

/**
 * The checks every decision starts with, in this order: the pledge exists, the actor may act on
 * it, its status allows the command. Authorization comes before status, so a stranger learns
 * nothing about a pledge's state from the error.
 */

export const existing = (state: PledgeState, pledgeId: string): ExistingPledge => {
  if (state.status === 'none') throw new NotFoundError(`pledge ${pledgeId} does not exist`, { pledgeId });
  return state;
};

/** The account that made the pledge, or the guest presenting the token of their private link. */
export const isContributor = (pledge: ExistingPledge, metadata: ActorMetadata): boolean =>
  pledge.contributor.kind === 'account'
    ? metadata.actor === pledge.contributor.accountId
    : metadata.guestTokenHash !== undefined && metadata.guestTokenHash === pledge.contributor.guestTokenHash;

export const requireContributor = (pledge: ExistingPledge, metadata: ActorMetadata, action: string): void => {
  if (!isContributor(pledge, metadata)) throw new ForbiddenError(`only the contributor may ${action}`, { actor: metadata.actor });
};

export const requireStatus = <S extends PledgeStatus>(
  pledge: ExistingPledge,
  statuses: readonly S[],
  action: string,
): PledgeIn<S> => {
  if (isIn(pledge, statuses)) return pledge;
  throw new IllegalStateError(`a ${pledge.status} pledge cannot ${action}`, { status: pledge.status, allowed: statuses });
};

/** The command's time; a missing or invalid one is a wiring bug, not a user's mistake. */
export const commandTime = (metadata: TimedMetadata): { readonly now: Date; readonly at: Instant } => {
  const now = metadata.now as Date | undefined;
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError('pledge commands need metadata.now, a valid Date');
  return { now, at: now.toISOString() };
};

/** Milliseconds since the epoch of an instant the pledge recorded; a bad one is a corrupt stream. */
export const timeOf = (instant: Instant): number => {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) throw new TypeError(`not an ISO instant: ${instant}`);
  return time;
};

/** Changes, cancellations and commitments all stop at the frozen deadline (ADR 0008). */
export const requireBeforeDeadline = (pledge: ExistingPledge, now: Date, action: string): void => {
  if (now.getTime() >= timeOf(pledge.deadline))
    throw new IllegalStateError(`campaign deadline passed: the pledge cannot ${action}`, {
      field: 'deadline',
      deadline: pledge.deadline,
    });
};

/** The PaymentIntent that took the money: the collection's, or the checkout's intent. */
const chargedBy = (pledge: ExistingPledge): string | undefined =>
  'paymentIntentId' in pledge ? pledge.paymentIntentId : 'intentId' in pledge ? pledge.intentId : undefined;

/** What ending the pledge gives back: the whole pledge if it was charged, and always the tip with it. */
export const settlementOf = (pledge: ExistingPledge, charged: boolean): Settlement => ({
  amount: pledge.amount,
  ...(charged && chargedBy(pledge) !== undefined && { paymentIntentId: chargedBy(pledge) }),
  pledgeRefund: charged ? pledge.amount : money(0, pledge.amount.currency),
  tip: pledge.tip,
  charged,
});
