import type { Command, CommandMetadata, Money } from '@elan/domain-kernel';
import type {
  CampaignFacts,
  Contributor,
  ContributorDetails,
  Instant,
  PledgeLanguage,
  PledgeTier,
  SealedText,
  TierHold,
  TipChoice,
} from './pledge.values';

/** Every pledge command is decided at a time given by the caller, never read from the machine. */
export interface TimedMetadata extends CommandMetadata {
  readonly now: Date;
}

/** A command someone asks for through the API: an account, or a guest holding their private link. */
export interface ActorMetadata extends TimedMetadata {
  /** The account id of who asks, or `guest`. */
  readonly actor: string;
  readonly roles: readonly string[];
  /** The hash of the guest token presented, for a guest. */
  readonly guestTokenHash?: string;
}

type ActorCommand<Type extends string, Data> = Command<Type, Data> & { readonly metadata: ActorMetadata };
/** Issued by the service itself: from a Stripe webhook, the scheduler or a campaign event. */
type SystemCommand<Type extends string, Data> = Command<Type, Data> & { readonly metadata: TimedMetadata };

/**
 * Records a new pledge. The handler checks it first with `checkPledge` (nothing held or charged
 * for a refused pledge), then holds a unit of a limited tier (ADR 0007) and passes the hold in.
 */
export type PlacePledge = ActorCommand<
  'PlacePledge',
  {
    readonly pledgeId: string;
    readonly campaign: CampaignFacts;
    readonly amount: Money;
    readonly tier?: PledgeTier;
    /** Required exactly when the tier is limited. */
    readonly hold?: TierHold;
    readonly tip: TipChoice;
    readonly contributor: Contributor;
    readonly details: ContributorDetails;
    /** The checkout's language, for the mails; absent: French. */
    readonly language?: PledgeLanguage;
  }
>;

/**
 * Records the Stripe intent created for the pledge: a PaymentIntent for pledge + tip
 * (keep-it-all) or a SetupIntent (all-or-nothing). Also the retry after a failed payment.
 */
export type RequestPayment = SystemCommand<'RequestPayment', { readonly pledgeId: string; readonly intentId: string }>;

/** Stripe says the intent succeeded; `confirmedAt` is Stripe's time, compared with the deadline (ADR 0008). */
export type ConfirmPayment = SystemCommand<
  'ConfirmPayment',
  { readonly pledgeId: string; readonly intentId: string; readonly confirmedAt: Instant }
>;

/** Stripe says the intent failed (declined card, authentication abandoned…). */
export type RecordPaymentFailure = SystemCommand<
  'RecordPaymentFailure',
  { readonly pledgeId: string; readonly intentId: string; readonly declineCode: string }
>;

/** The checkout was left unfinished (hold expired, contributor gave up): the hold goes back. */
export type AbandonPledge = SystemCommand<'AbandonPledge', { readonly pledgeId: string }>;

/** The contributor withdraws a committed pledge before the deadline. */
export type CancelPledge = ActorCommand<'CancelPledge', { readonly pledgeId: string }>;

/** The contributor changes a committed all-or-nothing pledge before the deadline; rules are checked again. */
export type ChangePledge = ActorCommand<
  'ChangePledge',
  {
    readonly pledgeId: string;
    readonly amount: Money;
    /** The tier after the change; absent for none. */
    readonly tier?: PledgeTier;
    /** A new hold, required when moving to another limited tier. */
    readonly hold?: TierHold;
  }
>;

/** The campaign succeeded: charge the saved card off-session (all-or-nothing). Repeating it while collecting is a no-op. */
export type RequestCollection = SystemCommand<'RequestCollection', { readonly pledgeId: string }>;

/** Stripe charged the saved card. */
export type RecordCollection = SystemCommand<
  'RecordCollection',
  { readonly pledgeId: string; readonly paymentIntentId: string; readonly collectedAt: Instant }
>;

/** Stripe declined the off-session charge (`authentication_required`, `insufficient_funds`…). */
export type RecordCollectionDecline = SystemCommand<
  'RecordCollectionDecline',
  { readonly pledgeId: string; readonly declineCode: string }
>;

/** The contributor saved a new card during the retry window. */
export type UpdateCard = ActorCommand<'UpdateCard', { readonly pledgeId: string; readonly setupIntentId: string }>;

/** The retry window closed without a collection: the pledge is dropped, nothing charged. */
export type DropPledge = SystemCommand<'DropPledge', { readonly pledgeId: string }>;

/** The all-or-nothing campaign failed or was cancelled: nothing is charged. */
export type ReleasePledge = SystemCommand<
  'ReleasePledge',
  { readonly pledgeId: string; readonly reason: 'campaign_failed' | 'campaign_cancelled' }
>;

/** The contributor of a paid keep-it-all pledge asks for a refund. */
export type RequestRefund = ActorCommand<
  'RequestRefund',
  /** The contributor's words are personal data: sealed, like their name. */
  { readonly pledgeId: string; readonly reason?: SealedText }
>;

/** A holder or admin grants a requested refund (keep-it-all), or an admin refunds a collected pledge. */
export type GrantRefund = ActorCommand<'GrantRefund', { readonly pledgeId: string }>;

export type PledgeCommand =
  | PlacePledge
  | RequestPayment
  | ConfirmPayment
  | RecordPaymentFailure
  | AbandonPledge
  | CancelPledge
  | ChangePledge
  | RequestCollection
  | RecordCollection
  | RecordCollectionDecline
  | UpdateCard
  | DropPledge
  | ReleasePledge
  | RequestRefund
  | GrantRefund;
