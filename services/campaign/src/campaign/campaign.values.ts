import type { Money } from '@elan/domain-kernel';

/**
 * The value types a campaign is made of, shared by its commands, events and state. They are
 * plain, JSON-safe data: instants are ISO 8601 strings, amounts are `Money`.
 */

/** An ISO 8601 instant in UTC, as `Date.prototype.toISOString()` writes it. */
export type Instant = string;

/** What a campaign is about, for the catalog's filters. A fixed list: adding one is a code change. */
export const CAMPAIGN_CATEGORIES = [
  'solidarity',
  'culture',
  'environment',
  'food',
  'education',
  'sport',
  'heritage',
  'technology',
  'health',
  'other',
] as const;
export type CampaignCategory = (typeof CAMPAIGN_CATEGORIES)[number];

/**
 * How a campaign collects: `all_or_nothing` charges pledges only if the goal is met at the
 * deadline (Ulule, Kickstarter); `keep_it_all` keeps every pledge, goal met or not (HelloAsso).
 */
export const CAMPAIGN_FUNDING_MODELS = ['all_or_nothing', 'keep_it_all'] as const;
export type FundingModel = (typeof CAMPAIGN_FUNDING_MODELS)[number];

/** What an account may be: contributor and holder (any account), moderator, admin. */
export const ACCOUNT_ROLES = ['contributor', 'holder', 'moderator', 'admin'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** Where a campaign happens, for territorial portals and the catalog's filter. */
export interface CampaignLocation {
  /** INSEE code of the département: `01`–`95` (no `20`), `2A`, `2B`, `971`–`974`, `976`. */
  readonly departement: string;
  /** Name of the commune, free text of at most 100 characters. */
  readonly commune?: string;
}

/** A further amount the holder promises something for, once the goal is passed. */
export interface StretchGoal {
  /** UUID chosen by the caller, stable across edits. */
  readonly stretchGoalId: string;
  /** Above the goal, and above the stretch goal before it. */
  readonly amount: Money;
  /** What reaching it brings, at most 500 characters. */
  readonly description: string;
}

/** `open`: contributors may choose it; `closed`: no new pledge may take it (tiers are never removed once approved). */
export type TierStatus = 'open' | 'closed';

/** A reward tier as the holder describes it, before it has a status. */
export interface TierDefinition {
  /** UUID chosen by the caller. */
  readonly tierId: string;
  /** The smallest pledge that earns the reward; positive, in the campaign's currency. */
  readonly minimumAmount: Money;
  /** At most 120 characters. */
  readonly title: string;
  /** At most 2,000 characters; may be empty. */
  readonly description: string;
  /** How many units exist (a positive integer), or `null` for unlimited. */
  readonly quantityLimit: number | null;
  /** When the reward should ship, as `YYYY-MM`. */
  readonly estimatedDelivery?: string;
}

export interface Tier extends TierDefinition {
  readonly status: TierStatus;
}

/** News the holder posts on the campaign page. */
export interface CampaignUpdate {
  /** UUID chosen by the caller. */
  readonly updateId: string;
  /** 1 to 120 characters. */
  readonly title: string;
  /** 1 to 10,000 characters. */
  readonly body: string;
  readonly postedAt: Instant;
}

/**
 * The fields `EditCampaign` may change; absent fields stay as they are. `imageUrl: null`
 * removes the image, `plainLanguageSummary: null` (or blank) the plain-language summary. Once approved, `goal`, `fundingModel`, `startsAt`, `deadline`, `category`
 * and `location` are frozen, and `stretchGoals` may only grow (existing ones stay as they are).
 */
export interface CampaignChanges {
  readonly title?: string;
  readonly summary?: string;
  /** Issue #12: trimmed, at most 600 characters; `null` removes it. */
  readonly plainLanguageSummary?: string | null;
  readonly story?: string;
  readonly category?: CampaignCategory;
  readonly imageUrl?: string | null;
  readonly goal?: Money;
  readonly fundingModel?: FundingModel;
  readonly startsAt?: Instant;
  readonly deadline?: Instant;
  readonly location?: CampaignLocation;
  /** The whole list, replacing the current one. */
  readonly stretchGoals?: readonly StretchGoal[];
}

/**
 * The fields `EditTier` may change; absent fields stay as they are. `estimatedDelivery: null`
 * removes the estimate. `minimumAmount` and `quantityLimit` change only in draft.
 */
export interface TierChanges {
  readonly title?: string;
  readonly description?: string;
  readonly estimatedDelivery?: string | null;
  readonly minimumAmount?: Money;
  readonly quantityLimit?: number | null;
}

/**
 * What the public reads of an approved campaign and moderation watches (ADR 0012): words (the
 * campaign's, its tiers', its new stretch goals', its updates) show at once and stay listed until a
 * moderator acknowledges them; a new image waits for that acknowledgement.
 */
export const WATCHED_PARTS = [
  'title',
  'summary',
  'plainLanguageSummary',
  'story',
  'imageUrl',
  'tiers',
  'stretchGoals',
  'updates',
] as const;
export type WatchedPart = (typeof WATCHED_PARTS)[number];

/** The words of a campaign's page, as its text-change events carry them. */
export interface PublicText {
  readonly title?: string;
  readonly summary?: string;
  /** `null`: there is none (removed, or there was none before). */
  readonly plainLanguageSummary?: string | null;
  readonly story?: string;
}
