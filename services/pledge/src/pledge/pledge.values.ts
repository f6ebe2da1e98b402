import type { Money } from '@elan/domain-kernel';

/** An ISO 8601 instant in UTC, as events store it (`2025-03-01T09:00:00.000Z`). */
export type Instant = string;

/** How the campaign is funded: charged at once (`keep_it_all`) or at success (`all_or_nothing`). */
export type FundingModel = 'keep_it_all' | 'all_or_nothing';

declare const sealed: unique symbol;

/**
 * Personal text (a name, an e-mail address, a message) encrypted with its owner's key by the
 * personal-data library, never plaintext: erasing the key erases the text from every event.
 * The domain only carries it.
 */
export type SealedText = string & { readonly [sealed]: 'SealedText' };

/** Marks a string already sealed by the personal-data library. */
export const sealedText = (ciphertext: string): SealedText => ciphertext as SealedText;

/** Who pledges: a logged-in account, or a guest who holds a private link. */
export type Contributor =
  | { readonly kind: 'account'; readonly accountId: string }
  /** Only the hash of the guest's secret token is kept; the token itself is in their link. */
  | { readonly kind: 'guest'; readonly guestTokenHash: string };

/** The contributor's personal data, sealed. A guest always gives a name and an e-mail. */
export interface ContributorDetails {
  readonly name?: SealedText;
  readonly email?: SealedText;
  /** An optional public message of support. */
  readonly message?: SealedText;
  /** Whether the name may be shown on the campaign page; otherwise "anonymous". */
  readonly showName: boolean;
}

/** The tier a pledge chooses, as the campaign service described it when the pledge was made. */
export interface PledgeTier {
  readonly tierId: string;
  /** The least a pledge on this tier may be. */
  readonly minimum: Money;
  /** Whether the tier's stock is limited, so a unit must be held before payment (ADR 0007). */
  readonly limited: boolean;
}

/** A unit of a limited tier held for this pledge by the campaign service (ADR 0007). */
export interface TierHold {
  readonly holdId: string;
  readonly expiresAt: Instant;
}

/** The tip chosen with the pledge: always explicit, 0 allowed. The tip itself lives in the tipping service. */
export interface TipChoice {
  readonly amount: Money;
  /** The tip's id in the tipping service; absent when the tip is 0. */
  readonly tipId?: string;
}

/** The campaign as the pledge service knows it, passed in by the handler (from `CampaignLaunched`). */
export interface CampaignFacts {
  readonly campaignId: string;
  readonly holderId: string;
  readonly fundingModel: FundingModel;
  /** Frozen once live (ADR 0008): the time every commitment is compared with. */
  readonly deadline: Instant;
  /** The campaign's status now; only `live` campaigns take pledges. */
  readonly status: string;
}

/** What is given back when a pledge ends: the tipping side takes the tip with it. */
export interface Settlement {
  /** The pledge's amount, whether charged or not: what leaves the campaign's totals. */
  readonly amount: Money;
  /** The PaymentIntent that charged pledge + tip, when charged: refunds are made against it. */
  readonly paymentIntentId?: string;
  /** What was charged and is to be refunded for the pledge; 0 when nothing was charged. */
  readonly pledgeRefund: Money;
  /** The tip that goes with the pledge (refunded if it was charged, dropped otherwise). */
  readonly tip: TipChoice;
  /** Whether any money was charged at all. */
  readonly charged: boolean;
}

/** The language a contributor's mails are written in (ADR 0031): the checkout's, French by default. */
export type PledgeLanguage = 'fr' | 'en';
