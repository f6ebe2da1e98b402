import type { CAMPAIGN_STATUSES } from '@elan/contracts';

/**
 * What a holder may do in each status (ADR 0010): the pages offer only what the campaign service
 * would accept, so a holder is not shown a button that can only fail. The service decides again.
 */
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

const is =
  (...statuses: readonly CampaignStatus[]) =>
  (status: CampaignStatus): boolean =>
    statuses.includes(status);

/** The draft's every field; once approved (and live), its words and image only. */
export const editModeOf = (status: CampaignStatus): 'draft' | 'approved' | undefined =>
  status === 'draft' ? 'draft' : status === 'approved' || status === 'live' ? 'approved' : undefined;

export const canSubmit = is('draft');
export const canAddTiers = is('draft', 'approved', 'live');
/** A tier's price and stock change only in a draft; its words later too. */
export const canEditTierTerms = is('draft');
export const canEditTiers = is('draft', 'approved', 'live');
export const canRemoveTiers = is('draft');
export const canCloseTiers = is('approved', 'live');
/** Stretch goals: any in a draft; once approved, new ones above the last only. */
export const canAddStretchGoals = is('draft', 'approved', 'live');
export const canRemoveStretchGoals = is('draft');
export const canPostUpdates = is('approved', 'live', 'closing', 'succeeded', 'failed', 'ended');
/** The campaign page is public from approval on. */
export const isPublic = is('approved', 'live', 'closing', 'succeeded', 'failed', 'ended', 'cancelled');
/** Money has moved or may have: backers and statements are worth a look. */
export const hasMoney = is('live', 'closing', 'succeeded', 'failed', 'ended', 'cancelled');
