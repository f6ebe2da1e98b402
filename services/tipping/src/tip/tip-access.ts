import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@elan/domain-kernel';
import type { ActorMetadata, TimedMetadata } from './tip.commands';
import type { Instant } from './tip.events';
import { isIn, type ExistingTip, type TipIn, type TipState, type TipStatus } from './tip.state';

/**
 * The checks every decision starts with, in this order: the tip exists, it belongs to the pledge
 * named (or the actor may act on it), its status allows the command. Authorization comes before
 * status, so a stranger learns nothing about a tip's state from the error.
 */

export const existing = (state: TipState, tipId: string): ExistingTip => {
  if (state.status === 'none') throw new NotFoundError(`tip ${tipId} does not exist`, { tipId });
  return state;
};

/** A pledge's event addressed to another pledge's tip is a wiring bug that must not move money. */
export const requirePledge = (tip: ExistingTip, pledgeId: string): void => {
  if (tip.pledgeId !== pledgeId)
    throw new ValidationError(`tip ${tip.tipId} belongs to another pledge`, { field: 'pledgeId', pledgeId });
};

export const isAdmin = (metadata: ActorMetadata): boolean => metadata.roles.includes('admin');

export const requireContributorOrAdmin = (tip: ExistingTip, metadata: ActorMetadata, action: string): void => {
  if (metadata.actor !== tip.contributorRef && !isAdmin(metadata))
    throw new ForbiddenError(`only the tip's contributor or an admin may ${action}`, { actor: metadata.actor });
};

export const requireStatus = <S extends TipStatus>(tip: ExistingTip, statuses: readonly S[], action: string): TipIn<S> => {
  if (isIn(tip, statuses)) return tip;
  throw new IllegalStateError(`a ${tip.status} tip cannot ${action}`, { status: tip.status, allowed: statuses });
};

/** The command's time; a missing or invalid one is a wiring bug, not a user's mistake. */
export const commandTime = (metadata: TimedMetadata): { readonly now: Date; readonly at: Instant } => {
  const now = metadata.now as Date | undefined;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('tip commands need metadata.now, a valid Date');
  return { now, at: now.toISOString() };
};
