import type { Money } from '@elan/domain-kernel';
import type { AccountRole, CampaignCategory, FundingModel, Instant, TierStatus, WatchedPart } from '../campaign/campaign.values';
import type { CampaignViewStatus } from './campaign-view.entity';

/** The statuses the public catalog shows; drafts and submitted campaigns never appear. */
export const CATALOG_STATUSES = ['approved', 'live', 'closing', 'succeeded', 'failed', 'ended', 'cancelled'] as const;
export type CatalogStatus = (typeof CATALOG_STATUSES)[number];

/**
 * `newest`: by launch, else approval, time; `ending_soon`: live campaigns only, nearest deadline
 * first; `most_funded`: largest committed amount first.
 */
export const CATALOG_SORTS = ['newest', 'ending_soon', 'most_funded'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

export interface PageRequest {
  /** `nextCursor` of the previous page; absent for the first one. */
  readonly cursor?: string;
  /** 1 to 50, 20 unless given. */
  readonly limit?: number;
}

export interface CatalogQuery extends PageRequest {
  /** One status or several; absent: every catalog status. */
  readonly status?: CatalogStatus | readonly CatalogStatus[];
  /** INSEE code of a département. */
  readonly departement?: string;
  readonly category?: CampaignCategory;
  /** French full-text search in title, summary, commune and story (accents and plurals ignored). */
  readonly text?: string;
  /** `newest` unless given. */
  readonly sort?: CatalogSort;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Pass it back for the next page; null on the last one. */
  readonly nextCursor: string | null;
}

/** Who is looking, for campaigns not yet public: their holder, moderators and admins see them. */
export interface Viewer {
  readonly accountId: string;
  readonly roles: readonly AccountRole[];
}

/** A campaign in a list. */
export interface CampaignCard {
  readonly campaignId: string;
  readonly holderId: string;
  readonly title: string;
  readonly summary: string;
  /** "Facile à lire et à comprendre" (issue #12): shown first when there is one; null otherwise. */
  readonly plainLanguageSummary: string | null;
  readonly category: CampaignCategory;
  readonly imageUrl: string | null;
  readonly departement: string;
  readonly commune: string | null;
  readonly status: CampaignViewStatus;
  readonly fundingModel: FundingModel;
  /** Null while a draft has no goal. */
  readonly goal: Money | null;
  /** Pledges committed. */
  readonly committed: Money;
  /** Money charged so far, net of refunds: keep-it-all pledges when committed, all-or-nothing ones when collected. */
  readonly raised: Money;
  readonly backers: number;
  /** `committed × 100 / goal`, rounded down (may exceed 100); null without a goal. */
  readonly percentOfGoal: number | null;
  readonly startsAt: Instant | null;
  readonly deadline: Instant | null;
  readonly launchedAt: Instant | null;
  /** Whole seconds until the deadline while live (0 once it passed), null otherwise. */
  readonly timeLeftSeconds: number | null;
}

/** The last image a moderator refused, and why. */
export interface ImageRefusal {
  readonly imageUrl: string;
  readonly reason: string;
  readonly refusedAt: Instant;
}

/** A campaign in its holder's own list: any status, with what moderation said. */
export interface HolderCampaignCard extends CampaignCard {
  readonly createdAt: Instant;
  readonly submittedAt: Instant | null;
  readonly rejectionReason: string | null;
  /** A new image waiting for a moderator (ADR 0012); null on the public page. */
  readonly pendingImageUrl: string | null;
  /** The last image refused, until another is proposed; null on the public page. */
  readonly imageRefusal: ImageRefusal | null;
}

/** A campaign in the moderators' "changed since approval" list (ADR 0012). */
export interface ChangedCampaign {
  readonly campaignId: string;
  readonly holderId: string;
  readonly title: string;
  readonly status: CampaignViewStatus;
  /** The number of the last change: acknowledging names it, so nothing unseen is acknowledged. */
  readonly version: number;
  /** What changed since the last acknowledgement, in `WATCHED_PARTS` order (`title`, `summary`, `plainLanguageSummary`, `story`, …). */
  readonly changedParts: readonly WatchedPart[];
  /** The first change not yet acknowledged (the list is oldest first). */
  readonly changedSince: Instant;
  readonly lastChangedAt: Instant;
  /** The image shown. */
  readonly imageUrl: string | null;
  /** The image waiting for review, if any. */
  readonly pendingImageUrl: string | null;
  /** The words as a moderator last reviewed them (at approval or the last acknowledgement). */
  readonly reviewed: {
    readonly title: string | null;
    readonly summary: string | null;
    /** Null also when there was none. */
    readonly plainLanguageSummary: string | null;
    readonly story: string | null;
  };
}

export interface CampaignPageTier {
  readonly tierId: string;
  readonly minimumAmount: Money;
  readonly title: string;
  readonly description: string;
  /** Null: unlimited. */
  readonly quantityLimit: number | null;
  readonly unitsTaken: number;
  /** Units still available; null when unlimited. */
  readonly remainingUnits: number | null;
  /** `YYYY-MM`. */
  readonly estimatedDelivery: string | null;
  readonly status: TierStatus;
}

export interface CampaignPageStretchGoal {
  readonly stretchGoalId: string;
  readonly amount: Money;
  readonly description: string;
  /** The committed amount has reached it. */
  readonly reached: boolean;
}

export interface CampaignPageUpdate {
  readonly updateId: string;
  readonly title: string;
  readonly body: string;
  readonly postedAt: Instant;
}

/** Everything the campaign page shows. */
export interface CampaignPage extends HolderCampaignCard {
  readonly story: string;
  readonly approvedAt: Instant | null;
  readonly closedAt: Instant | null;
  readonly cancelledAt: Instant | null;
  readonly cancellationReason: string | null;
  /** In the order they were added. */
  readonly tiers: readonly CampaignPageTier[];
  /** In the holder's order (ascending amounts). */
  readonly stretchGoals: readonly CampaignPageStretchGoal[];
  /** Newest first. */
  readonly updates: readonly CampaignPageUpdate[];
}
