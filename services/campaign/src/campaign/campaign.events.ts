import type { DomainEvent, Money } from '@elan/domain-kernel';
import type {
  CampaignCategory,
  CampaignChanges,
  CampaignLocation,
  CampaignUpdate,
  FundingModel,
  Instant,
  PublicText,
  StretchGoal,
  WatchedPart,
  Tier,
  TierChanges,
} from './campaign.values';

/**
 * What happened to a campaign. Each event carries what the read models and the outbox relay
 * need without reading the stream again: full data on creation and addition, the changed fields
 * only on edits, the reason on rejection and cancellation, totals on closing, and always a time.
 */

/** A holder started a draft. Fields not given yet are absent (a draft may be incomplete). */
export type CampaignCreated = DomainEvent<
  'CampaignCreated',
  {
    readonly campaignId: string;
    readonly holderId: string;
    readonly title: string;
    /** Empty until written. */
    readonly summary: string;
    /** Trimmed; absent when there is none (and in every event written before issue #12). */
    readonly plainLanguageSummary?: string;
    /** Empty until written. */
    readonly story: string;
    readonly category: CampaignCategory;
    readonly imageUrl?: string;
    readonly goal?: Money;
    readonly fundingModel: FundingModel;
    readonly startsAt?: Instant;
    readonly deadline?: Instant;
    readonly location: CampaignLocation;
    readonly stretchGoals: readonly StretchGoal[];
    readonly createdAt: Instant;
  }
>;

/**
 * The holder changed the fields in `changes`, and only those (`imageUrl: null`: image removed).
 * Drafts only since ADR 0012: once approved, each change has an event of its own (older logs
 * hold some edits of approved campaigns, which still fold).
 */
export type CampaignEdited = DomainEvent<
  'CampaignEdited',
  { readonly campaignId: string; readonly changes: CampaignChanges; readonly editedAt: Instant }
>;

/** The holder sent the campaign to moderation; the plan under review is repeated for the moderation queue. */
export type CampaignSubmitted = DomainEvent<
  'CampaignSubmitted',
  {
    readonly campaignId: string;
    readonly goal: Money;
    readonly startsAt: Instant;
    readonly deadline: Instant;
    readonly submittedAt: Instant;
  }
>;

/** A moderator accepted it: it goes live at `startsAt` (the scheduler's cue). */
export type CampaignApproved = DomainEvent<
  'CampaignApproved',
  {
    readonly campaignId: string;
    /** Account id of the moderator or admin. */
    readonly approvedBy: string;
    readonly startsAt: Instant;
    readonly deadline: Instant;
    readonly approvedAt: Instant;
    /** Its holder and title as approved, for the holder's mail (integration event); absent in logs before issue #12. */
    readonly holderId?: string;
    readonly title?: string;
  }
>;

/** A moderator sent it back to draft; the reason stays visible to the holder until it is submitted again. */
export type CampaignRejected = DomainEvent<
  'CampaignRejected',
  {
    readonly campaignId: string;
    readonly rejectedBy: string;
    readonly reason: string;
    readonly rejectedAt: Instant;
    /** Its holder and title as submitted, for the holder's mail (integration event); absent in logs before issue #12. */
    readonly holderId?: string;
    readonly title?: string;
  }
>;

/** It opened to pledges; carries what the pledge and payout services need (integration event `CampaignLaunched`). */
export type CampaignLaunched = DomainEvent<
  'CampaignLaunched',
  {
    readonly campaignId: string;
    readonly holderId: string;
    readonly title: string;
    readonly fundingModel: FundingModel;
    readonly goal: Money;
    readonly startsAt: Instant;
    readonly deadline: Instant;
    readonly departement: string;
    readonly launchedAt: Instant;
  }
>;

/**
 * The deadline passed: no more pledges. The campaign waits (`closing`) for the pledge service's
 * tally of the pledges committed before `deadline` (ADR 0008).
 */
export type CampaignDeadlineReached = DomainEvent<
  'CampaignDeadlineReached',
  {
    readonly campaignId: string;
    readonly fundingModel: FundingModel;
    readonly goal: Money;
    readonly deadline: Instant;
    readonly reachedAt: Instant;
  }
>;

/** The final count at closing, as the pledge service reported it. */
interface Outcome {
  readonly campaignId: string;
  readonly goal: Money;
  /** Sum of the pledges committed before the deadline. */
  readonly committedTotal: Money;
  /** Distinct contributors with a committed pledge. */
  readonly backers: number;
  /** When it stopped taking pledges: when its deadline was reached (older logs: when it closed in one step). */
  readonly closedAt: Instant;
}

/** All-or-nothing, and the committed total reached the goal: pledges are to be collected. */
export type CampaignSucceeded = DomainEvent<'CampaignSucceeded', Outcome>;

/** All-or-nothing, and the committed total stayed below the goal: nothing is charged. */
export type CampaignFailed = DomainEvent<'CampaignFailed', Outcome>;

/** Keep-it-all reached its deadline: what was pledged is kept, goal met or not. */
export type CampaignEnded = DomainEvent<'CampaignEnded', Outcome>;

/** Stopped before its deadline by its holder or an admin; the pledge service releases every pledge. */
export type CampaignCancelled = DomainEvent<
  'CampaignCancelled',
  {
    readonly campaignId: string;
    readonly cancelledBy: string;
    /** Why, as told to contributors. */
    readonly reason: string;
    /** `approved`: it never took a pledge; `live`: pledges are to be released. */
    readonly previousStatus: 'approved' | 'live';
    readonly cancelledAt: Instant;
  }
>;

/** A reward tier was added, open. */
export type TierAdded = DomainEvent<'TierAdded', { readonly campaignId: string; readonly tier: Tier; readonly addedAt: Instant }>;

/** The holder changed the tier fields in `changes`, and only those (`estimatedDelivery: null`: removed). */
export type TierEdited = DomainEvent<
  'TierEdited',
  { readonly campaignId: string; readonly tierId: string; readonly changes: TierChanges; readonly editedAt: Instant }
>;

/** The tier takes no new pledge; existing pledges keep it. */
export type TierClosed = DomainEvent<
  'TierClosed',
  { readonly campaignId: string; readonly tierId: string; readonly closedAt: Instant }
>;

/** The tier was deleted from a draft. */
export type TierRemoved = DomainEvent<
  'TierRemoved',
  { readonly campaignId: string; readonly tierId: string; readonly removedAt: Instant }
>;

/** The holder posted news on the campaign page. */
export type CampaignUpdatePosted = DomainEvent<
  'CampaignUpdatePosted',
  { readonly campaignId: string; readonly update: CampaignUpdate }
>;

/**
 * The holder changed the words of an approved (or later) campaign. Shown at once, and listed for
 * moderators until acknowledged; `before` keeps what moderation had seen, so the log shows both.
 */
export type CampaignPublicTextChanged = DomainEvent<
  'CampaignPublicTextChanged',
  {
    readonly campaignId: string;
    /** The new value of each changed field, and only those. */
    readonly changes: PublicText;
    /** The value each of those fields had before. */
    readonly before: PublicText;
    /** This change's number since approval (1, 2, …): a moderator acknowledges up to a number. */
    readonly changeVersion: number;
    readonly changedAt: Instant;
  }
>;

/**
 * The holder asked for a new image on an approved (or later) campaign. Nothing shows it but the
 * holder's own view until a moderator acknowledges it; a newer proposal replaces it.
 */
export type CampaignImageChangeProposed = DomainEvent<
  'CampaignImageChangeProposed',
  {
    readonly campaignId: string;
    /** The proposed image. */
    readonly imageUrl: string;
    /** The image shown meanwhile, if any. */
    readonly shownImageUrl?: string;
    /** This change's number since approval. */
    readonly changeVersion: number;
    readonly proposedAt: Instant;
  }
>;

/** The holder removed the image of an approved campaign: no review needed, and a proposal is withdrawn. */
export type CampaignImageRemoved = DomainEvent<
  'CampaignImageRemoved',
  { readonly campaignId: string; readonly removedAt: Instant }
>;

/** The holder added stretch goals after the existing ones of an approved campaign: shown at once, listed for moderators. */
export type CampaignStretchGoalsAdded = DomainEvent<
  'CampaignStretchGoalsAdded',
  {
    readonly campaignId: string;
    /** The new ones only, in order, after the existing ones. */
    readonly stretchGoals: readonly StretchGoal[];
    /** This change's number since approval. */
    readonly changeVersion: number;
    readonly addedAt: Instant;
  }
>;

/** A moderator saw the proposed image: it is shown from now on. */
export type CampaignImageChangeAcknowledged = DomainEvent<
  'CampaignImageChangeAcknowledged',
  { readonly campaignId: string; readonly imageUrl: string; readonly acknowledgedBy: string; readonly acknowledgedAt: Instant }
>;

/** A moderator refused the proposed image: the shown one stays, and the holder reads why. */
export type CampaignImageChangeRefused = DomainEvent<
  'CampaignImageChangeRefused',
  {
    readonly campaignId: string;
    readonly imageUrl: string;
    readonly refusedBy: string;
    /** Why, as told to the holder. */
    readonly reason: string;
    readonly refusedAt: Instant;
  }
>;

/** A moderator reviewed every change up to `changeVersion`: the campaign leaves the "changed since approval" list. */
export type CampaignChangesAcknowledged = DomainEvent<
  'CampaignChangesAcknowledged',
  {
    readonly campaignId: string;
    readonly acknowledgedBy: string;
    /** The last change the moderator saw, and so covered. */
    readonly changeVersion: number;
    /** The parts that had changed since the previous acknowledgement. */
    readonly parts: readonly WatchedPart[];
    readonly acknowledgedAt: Instant;
  }
>;

export type CampaignEvent =
  | CampaignCreated
  | CampaignEdited
  | CampaignSubmitted
  | CampaignApproved
  | CampaignRejected
  | CampaignLaunched
  | CampaignDeadlineReached
  | CampaignSucceeded
  | CampaignFailed
  | CampaignEnded
  | CampaignCancelled
  | TierAdded
  | TierEdited
  | TierClosed
  | TierRemoved
  | CampaignUpdatePosted
  | CampaignPublicTextChanged
  | CampaignImageChangeProposed
  | CampaignImageRemoved
  | CampaignStretchGoalsAdded
  | CampaignImageChangeAcknowledged
  | CampaignImageChangeRefused
  | CampaignChangesAcknowledged;

export type CampaignEventType = CampaignEvent['type'];
