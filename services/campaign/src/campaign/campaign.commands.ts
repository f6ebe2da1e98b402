import type { Command, CommandMetadata, Money } from '@elan/domain-kernel';
import type {
  AccountRole,
  CampaignCategory,
  CampaignChanges,
  CampaignLocation,
  FundingModel,
  Instant,
  StretchGoal,
  TierChanges,
  TierDefinition,
} from './campaign.values';

/** Every campaign command is decided at a time given by the caller, never read from the machine. */
export interface TimedMetadata extends CommandMetadata {
  /** When the command is decided (from the handler's `Clock`). */
  readonly now: Date;
}

/** A command someone asks for through the API: who asks, and as what. */
export interface ActorMetadata extends TimedMetadata {
  /** The account id of who asks. */
  readonly actor: string;
  /** That account's roles, as the gateway authenticated them. */
  readonly roles: readonly AccountRole[];
}

type ActorCommand<Type extends string, Data> = Command<Type, Data> & { readonly metadata: ActorMetadata };
/** Issued by the deadline scheduler, not exposed through the public API. */
type ScheduledCommand<Type extends string, Data> = Command<Type, Data> & { readonly metadata: TimedMetadata };

/** Starts a draft; the account asking (with the `holder` role) becomes its holder. */
export type CreateCampaign = ActorCommand<
  'CreateCampaign',
  {
    readonly campaignId: string;
    readonly title: string;
    readonly summary?: string;
    /** Issue #12: absent, `null` or blank: none. */
    readonly plainLanguageSummary?: string | null;
    readonly story?: string;
    readonly category: CampaignCategory;
    readonly imageUrl?: string;
    readonly goal?: Money;
    readonly fundingModel: FundingModel;
    readonly startsAt?: Instant;
    readonly deadline?: Instant;
    readonly location: CampaignLocation;
    readonly stretchGoals?: readonly StretchGoal[];
  }
>;

/**
 * Changes some fields of a campaign (holder only; draft, approved or live). Once approved, new
 * words are recorded apart and a new image waits for a moderator (ADR 0012).
 */
export type EditCampaign = ActorCommand<'EditCampaign', { readonly campaignId: string; readonly changes: CampaignChanges }>;

/** Sends a complete draft to moderation (holder only). */
export type SubmitCampaign = ActorCommand<'SubmitCampaign', { readonly campaignId: string }>;

/** Accepts a submitted campaign: it is scheduled to go live at its start (moderator or admin). */
export type ApproveCampaign = ActorCommand<'ApproveCampaign', { readonly campaignId: string }>;

/** Sends a submitted campaign back to draft, telling the holder why (moderator or admin). */
export type RejectCampaign = ActorCommand<'RejectCampaign', { readonly campaignId: string; readonly reason: string }>;

/** Opens an approved campaign to pledges, at or after its start; idempotent. */
export type LaunchCampaign = ScheduledCommand<'LaunchCampaign', { readonly campaignId: string }>;

/**
 * Stops a live campaign taking pledges at or after its deadline: it waits, `closing`, for the
 * pledge service's tally (ADR 0008); idempotent.
 */
export type CloseCampaign = ScheduledCommand<'CloseCampaign', { readonly campaignId: string }>;

/**
 * The pledge service's final count (`PledgesTallied`): a closing campaign decides its outcome on
 * it. Any other campaign ignores it (a duplicate, or one that never reached its deadline).
 */
export type RecordPledgeTally = ScheduledCommand<
  'RecordPledgeTally',
  {
    readonly campaignId: string;
    /** The frozen deadline the pledge service compared commit times with. */
    readonly deadline: Instant;
    /** Sum of the pledges committed before the deadline and still standing. */
    readonly committedTotal: Money;
    /** Number of such pledges. */
    readonly backers: number;
  }
>;

/** Stops an approved or live campaign before its deadline (holder or admin). */
export type CancelCampaign = ActorCommand<'CancelCampaign', { readonly campaignId: string; readonly reason: string }>;

/** Adds a reward tier (holder only; draft, approved or live). */
export type AddTier = ActorCommand<'AddTier', { readonly campaignId: string; readonly tier: TierDefinition }>;

/** Changes a tier's wording any time; its price and stock only in draft (holder only). */
export type EditTier = ActorCommand<
  'EditTier',
  { readonly campaignId: string; readonly tierId: string; readonly changes: TierChanges }
>;

/** Stops a tier taking new pledges (holder only); idempotent. */
export type CloseTier = ActorCommand<'CloseTier', { readonly campaignId: string; readonly tierId: string }>;

/** Deletes a tier, only while the campaign is a draft (holder only). */
export type RemoveTier = ActorCommand<'RemoveTier', { readonly campaignId: string; readonly tierId: string }>;

/** Publishes news on the campaign page (holder only; approved, live or closed). */
export type PostCampaignUpdate = ActorCommand<
  'PostCampaignUpdate',
  { readonly campaignId: string; readonly updateId: string; readonly title: string; readonly body: string }
>;

/**
 * A moderator or admin reviewed the changes since approval up to `version` (the `changeVersion`
 * they saw): the new image, if one waits, is shown. Another version is refused: they did not see it.
 */
export type AcknowledgeCampaignChanges = ActorCommand<
  'AcknowledgeCampaignChanges',
  { readonly campaignId: string; readonly version: number }
>;

/** A moderator or admin refuses the image waiting at `version`, telling the holder why. */
export type RefuseCampaignImage = ActorCommand<
  'RefuseCampaignImage',
  { readonly campaignId: string; readonly version: number; readonly reason: string }
>;

export type CampaignCommand =
  | CreateCampaign
  | EditCampaign
  | SubmitCampaign
  | ApproveCampaign
  | RejectCampaign
  | LaunchCampaign
  | CloseCampaign
  | RecordPledgeTally
  | CancelCampaign
  | AddTier
  | EditTier
  | CloseTier
  | RemoveTier
  | PostCampaignUpdate
  | AcknowledgeCampaignChanges
  | RefuseCampaignImage;
