import type { DomainEvent, Money } from '@elan/domain-kernel';
import type {
  Contributor,
  ContributorDetails,
  FundingModel,
  Instant,
  PledgeLanguage,
  PledgeTier,
  SealedText,
  Settlement,
  TipChoice,
} from './pledge.values';

/**
 * What happened to a pledge, one stream per pledge (`pledge-<pledgeId>`). Every event names the
 * pledge and, where others consume it, the campaign; events that end a pledge carry a
 * `Settlement` so the tipping service takes the tip with the pledge.
 */

/** A pledge passed the rules and was recorded; no money moved yet. */
export type PledgePlaced = DomainEvent<
  'PledgePlaced',
  {
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly holderId: string;
    readonly fundingModel: FundingModel;
    /** The campaign's frozen deadline, copied so every later decision compares with it. */
    readonly deadline: Instant;
    readonly amount: Money;
    readonly tier?: PledgeTier;
    readonly tip: TipChoice;
    readonly contributor: Contributor;
    readonly details: ContributorDetails;
    readonly placedAt: Instant;
    /** The checkout's language, that of the contributor's mails (ADR 0031); absent: French. */
    readonly language?: PledgeLanguage;
  }
>;

/** A unit of a limited tier is held for this pledge before any payment (ADR 0007). */
export type TierUnitHeld = DomainEvent<
  'TierUnitHeld',
  {
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly tierId: string;
    readonly holdId: string;
    readonly expiresAt: Instant;
  }
>;

/** Why a held or confirmed unit goes back to the tier's stock. */
export type TierUnitReleaseReason = 'abandoned' | 'late' | 'cancelled' | 'changed' | 'dropped' | 'released' | 'refunded';

/** The unit goes back to stock; the campaign service releases the hold. */
export type TierUnitReleased = DomainEvent<
  'TierUnitReleased',
  {
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly tierId: string;
    readonly holdId: string;
    readonly reason: TierUnitReleaseReason;
  }
>;

/** Keep-it-all: one PaymentIntent for pledge + tip, to be confirmed by the client. */
export type PaymentRequested = DomainEvent<
  'PaymentRequested',
  {
    readonly pledgeId: string;
    readonly paymentIntentId: string;
    readonly amount: Money;
    readonly tip: TipChoice;
    /** What the card is charged: pledge + tip. */
    readonly total: Money;
    readonly requestedAt: Instant;
  }
>;

/** All-or-nothing: a SetupIntent saves the card; nothing is charged before success. */
export type CardSetupRequested = DomainEvent<
  'CardSetupRequested',
  { readonly pledgeId: string; readonly setupIntentId: string; readonly requestedAt: Instant }
>;

/** The payment (or card setup) failed; the contributor may retry until the pledge is abandoned. */
export type PaymentFailed = DomainEvent<
  'PaymentFailed',
  { readonly pledgeId: string; readonly intentId: string; readonly declineCode: string; readonly failedAt: Instant }
>;

/** Confirmed before the deadline: the pledge counts. It confirms the held tier unit, if any (ADR 0007). */
export type PledgeCommitted = DomainEvent<
  'PledgeCommitted',
  {
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly fundingModel: FundingModel;
    readonly amount: Money;
    readonly tip: TipChoice;
    readonly tierId?: string;
    /** The hold the campaign service now confirms. */
    readonly holdId?: string;
    /** Whether money was taken now (keep-it-all) or only a card saved (all-or-nothing). */
    readonly charged: boolean;
    /** Stripe's confirmation time, the one compared with the deadline. */
    readonly committedAt: Instant;
    /** The intent confirmed: the PaymentIntent that charged (keep-it-all) or the SetupIntent (all-or-nothing). */
    readonly intentId: string;
    /** Who pledged, so the tipping service knows whose tip it records (no personal data). */
    readonly contributor: Contributor;
  }
>;

/** Confirmed at or after the deadline (ADR 0008): not counted; anything charged is to be refunded. */
export type LatePledgeRefused = DomainEvent<
  'LatePledgeRefused',
  {
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly confirmedAt: Instant;
    readonly deadline: Instant;
    /** The refund requested, when the payment went through. */
    readonly settlement: Settlement;
  }
>;

/** The checkout was never finished; nothing was charged. */
export type PledgeAbandoned = DomainEvent<
  'PledgeAbandoned',
  { readonly pledgeId: string; readonly campaignId: string; readonly settlement: Settlement; readonly abandonedAt: Instant }
>;

/**
 * Stripe confirmed a keep-it-all payment after the pledge was abandoned (the checkout was
 * finished as the hold lapsed): the pledge stays abandoned and the payment, tip included, is refunded.
 */
export type AbandonedPaymentRefunded = DomainEvent<
  'AbandonedPaymentRefunded',
  {
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly paymentIntentId: string;
    readonly confirmedAt: Instant;
    readonly settlement: Settlement;
  }
>;

/** The contributor withdrew a committed pledge before the deadline. */
export type PledgeCancelled = DomainEvent<
  'PledgeCancelled',
  { readonly pledgeId: string; readonly campaignId: string; readonly settlement: Settlement; readonly cancelledAt: Instant }
>;

/** A committed all-or-nothing pledge now has another amount or tier. */
export type PledgeChanged = DomainEvent<
  'PledgeChanged',
  {
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly previousAmount: Money;
    readonly amount: Money;
    readonly previousTierId?: string;
    readonly tier?: PledgeTier;
    /** The new tier's hold, confirmed at once since the pledge is committed. */
    readonly holdId?: string;
    readonly changedAt: Instant;
  }
>;

/** All-or-nothing success: the saved card is charged off-session for pledge + tip. */
export type CollectionRequested = DomainEvent<
  'CollectionRequested',
  {
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly amount: Money;
    readonly tip: TipChoice;
    readonly total: Money;
    /** 1 for the first charge, one more after each updated card. */
    readonly attempt: number;
    /** From the pledge id and the attempt: retries of one attempt charge once, a new card is a new charge. */
    readonly idempotencyKey: string;
    readonly requestedAt: Instant;
  }
>;

export type PledgeCollected = DomainEvent<
  'PledgeCollected',
  {
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly amount: Money;
    readonly tip: TipChoice;
    readonly paymentIntentId: string;
    readonly collectedAt: Instant;
  }
>;

/** The off-session charge was declined; the contributor may update the card until `retryUntil`. */
export type CollectionDeclined = DomainEvent<
  'CollectionDeclined',
  {
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly declineCode: string;
    readonly attempt: number;
    /** Set at the first decline; later declines do not extend it. */
    readonly retryUntil: Instant;
    readonly declinedAt: Instant;
  }
>;

export type CardUpdated = DomainEvent<
  'CardUpdated',
  { readonly pledgeId: string; readonly setupIntentId: string; readonly updatedAt: Instant }
>;

/** The retry window closed without a collection; nothing was charged. */
export type PledgeDropped = DomainEvent<
  'PledgeDropped',
  { readonly pledgeId: string; readonly campaignId: string; readonly settlement: Settlement; readonly droppedAt: Instant }
>;

/** The all-or-nothing campaign failed or was cancelled; nothing was charged. */
export type PledgeReleased = DomainEvent<
  'PledgeReleased',
  {
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly reason: 'campaign_failed' | 'campaign_cancelled';
    readonly settlement: Settlement;
    readonly releasedAt: Instant;
  }
>;

export type RefundRequested = DomainEvent<
  'RefundRequested',
  { readonly pledgeId: string; readonly campaignId: string; readonly reason?: SealedText; readonly requestedAt: Instant }
>;

/** The pledge and its tip are refunded. */
export type PledgeRefunded = DomainEvent<
  'PledgeRefunded',
  {
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly settlement: Settlement;
    readonly refundedBy: string;
    readonly refundedAt: Instant;
  }
>;

export type PledgeEvent =
  | PledgePlaced
  | TierUnitHeld
  | TierUnitReleased
  | PaymentRequested
  | CardSetupRequested
  | PaymentFailed
  | PledgeCommitted
  | LatePledgeRefused
  | PledgeAbandoned
  | AbandonedPaymentRefunded
  | PledgeCancelled
  | PledgeChanged
  | CollectionRequested
  | PledgeCollected
  | CollectionDeclined
  | CardUpdated
  | PledgeDropped
  | PledgeReleased
  | RefundRequested
  | PledgeRefunded;

export type PledgeEventType = PledgeEvent['type'];

/** The stream of one pledge. */
export const pledgeStream = (pledgeId: string): string => `pledge-${pledgeId}`;
