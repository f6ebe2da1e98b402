import { ForbiddenError, IllegalStateError, NotFoundError } from '@elan/domain-kernel';
import type { ActorMetadata, TimedMetadata } from './campaign.commands';
import { isIn, type CampaignIn, type CampaignState, type CampaignStatus, type ExistingCampaign } from './campaign.state';
import type { Instant } from './campaign.values';

/**
 * The checks every decision starts with, in this order: the campaign exists, the actor may act
 * on it, its status allows the command. Authorization comes before status, so a stranger learns
 * nothing about a campaign's state from the error.
 */

export const existing = (state: CampaignState, campaignId: string): ExistingCampaign => {
  if (state.status === 'none') throw new NotFoundError(`campaign ${campaignId} does not exist`, { campaignId });
  return state;
};

export const requireHolder = (campaign: ExistingCampaign, metadata: ActorMetadata, action: string): void => {
  if (metadata.actor !== campaign.holderId)
    throw new ForbiddenError(`only the campaign's holder may ${action}`, { actor: metadata.actor });
};

export const requireHolderOrAdmin = (campaign: ExistingCampaign, metadata: ActorMetadata, action: string): void => {
  if (metadata.actor !== campaign.holderId && !metadata.roles.includes('admin'))
    throw new ForbiddenError(`only the campaign's holder or an admin may ${action}`, { actor: metadata.actor });
};

/** Moderators and admins review campaigns, never their own. */
export const requireModerator = (campaign: ExistingCampaign, metadata: ActorMetadata, action: string): void => {
  if (!metadata.roles.includes('moderator') && !metadata.roles.includes('admin'))
    throw new ForbiddenError(`only a moderator or an admin may ${action}`, { actor: metadata.actor });
  if (metadata.actor === campaign.holderId)
    throw new ForbiddenError(`a moderator may not ${action} their own campaign`, { actor: metadata.actor });
};

export const requireStatus = <S extends CampaignStatus>(
  campaign: ExistingCampaign,
  statuses: readonly S[],
  action: string,
): CampaignIn<S> => {
  if (isIn(campaign, statuses)) return campaign;
  throw new IllegalStateError(`a ${campaign.status} campaign cannot ${action}`, {
    status: campaign.status,
    allowed: statuses,
  });
};

/** The command's time; a missing or invalid one is a wiring bug, not a user's mistake. */
export const commandTime = (metadata: TimedMetadata): { readonly now: Date; readonly at: Instant } => {
  const now = metadata.now as Date | undefined;
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError('campaign and tier stock commands need metadata.now, a valid Date');
  return { now, at: now.toISOString() };
};
