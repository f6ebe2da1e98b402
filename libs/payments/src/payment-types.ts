import type { Money } from '@elan/domain-kernel';
import type { ElanOwner } from './elan-metadata';

/** Someone who pays: a Stripe customer, which holds the cards saved for later. */
export interface PaymentCustomer {
  readonly customerId: string;
  readonly email: string | null;
  readonly owner: ElanOwner | undefined;
}

/** A card as Élan may know it: never its number, only what identifies and describes it. */
export interface SavedCard {
  readonly paymentMethodId: string;
  readonly customerId: string | null;
  /** `visa`, `mastercard`… */
  readonly brand: string;
  readonly last4: string;
  /** The same for the same card number across customers: "one matched contribution per person". */
  readonly fingerprint: string;
  readonly expMonth: number;
  readonly expYear: number;
}

/**
 * Where a payment stands, in Élan's words (Stripe's PaymentIntent statuses, one to one):
 * it waits for a card, for confirmation, for the contributor to authenticate (3-D Secure),
 * for capture, or for the bank; or it succeeded, or it was cancelled.
 */
export type PaymentStatus =
  | 'awaiting_card'
  | 'awaiting_confirmation'
  | 'awaiting_authentication'
  | 'awaiting_capture'
  | 'processing'
  | 'succeeded'
  | 'canceled';

export interface Payment {
  readonly paymentId: string;
  readonly status: PaymentStatus;
  readonly amount: Money;
  readonly customerId: string | null;
  readonly paymentMethodId: string | null;
  /** The charge that moved the money, once there is one: the `source_transaction` of a transfer. */
  readonly chargeId: string | null;
  readonly transferGroup: string | null;
  readonly owner: ElanOwner | undefined;
  /** The decline behind the last failed attempt, if any (`insufficient_funds`, `authentication_required`…). */
  readonly lastDeclineCode: string | null;
  /** What the contributor's page confirms the payment with (Stripe.js); never logged, never stored in events. */
  readonly clientSecret: string | null;
}

/** A card the bank refused, with what Stripe says about why: the contributor decides what to do. */
export interface Declined {
  readonly kind: 'declined';
  /** The issuer's reason (`insufficient_funds`, `authentication_required`, `generic_decline`…). */
  readonly declineCode: string;
  /** Stripe's error code (`card_declined`, `authentication_required`, `expired_card`…). */
  readonly code: string;
  readonly message: string;
}

/** The outcome of confirming a payment: declines and 3-D Secure are answers, not exceptions. */
export type PaymentOutcome =
  | { readonly kind: 'succeeded'; readonly payment: Payment }
  | { readonly kind: 'processing'; readonly payment: Payment }
  /** On session: the contributor must authenticate in the page, with this client secret. */
  | { readonly kind: 'requires_action'; readonly payment: Payment; readonly clientSecret: string | null }
  | (Declined & { readonly payment: Payment | null });

/** A card saved for later charges (a SetupIntent), where it stands. */
export type CardSetupStatus =
  | 'awaiting_card'
  | 'awaiting_confirmation'
  | 'awaiting_authentication'
  | 'processing'
  | 'succeeded'
  | 'canceled';

export interface CardSetup {
  readonly setupId: string;
  readonly status: CardSetupStatus;
  readonly customerId: string | null;
  readonly paymentMethodId: string | null;
  readonly owner: ElanOwner | undefined;
  /** What the contributor's page confirms the card setup with (Stripe.js); never stored in events. */
  readonly clientSecret: string | null;
}

export type CardSetupOutcome =
  | { readonly kind: 'succeeded'; readonly setup: CardSetup }
  | { readonly kind: 'processing'; readonly setup: CardSetup }
  | { readonly kind: 'requires_action'; readonly setup: CardSetup; readonly clientSecret: string | null }
  | (Declined & { readonly setup: CardSetup | null });

export type AttachOutcome = { readonly kind: 'attached'; readonly card: SavedCard } | Declined;

export type RefundStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';

export interface Refund {
  readonly refundId: string;
  readonly paymentId: string | null;
  readonly amount: Money;
  readonly status: RefundStatus;
}

/**
 * A holder's Connect Express account: `pending` while onboarding is not finished or Stripe is
 * still verifying, `verified` when it can receive transfers and be paid out, `restricted` when
 * Stripe needs more (the `requirements` say what).
 */
export type ConnectedAccountState = 'pending' | 'verified' | 'restricted';

export interface ConnectedAccount {
  readonly accountId: string;
  readonly state: ConnectedAccountState;
  readonly canReceiveTransfers: boolean;
  readonly payoutsEnabled: boolean;
  readonly requirements: { readonly currentlyDue: readonly string[]; readonly disabledReason: string | null };
  readonly owner: ElanOwner | undefined;
}

export interface OnboardingLink {
  readonly url: string;
  readonly expiresAt: Date;
}

export interface Transfer {
  readonly transferId: string;
  readonly amount: Money;
  readonly amountReversed: Money;
  readonly destinationAccountId: string;
  readonly transferGroup: string | null;
  readonly sourceChargeId: string | null;
  readonly owner: ElanOwner | undefined;
}

/** A transfer Stripe would not make (the account cannot receive, the balance is short…). */
export type TransferOutcome =
  | { readonly kind: 'transferred'; readonly transfer: Transfer }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string };

export interface TransferReversal {
  readonly reversalId: string;
  readonly transferId: string;
  readonly amount: Money;
}

/** What a movement of money did to the platform's balance: what the platform bears is `fee`. */
export interface BalanceEntry {
  readonly balanceTransactionId: string;
  /** Signed, in the balance's currency (which may differ from the payment's). */
  readonly amount: Money;
  readonly fee: Money;
  readonly net: Money;
  /** `charge`, `payment`, `refund`, `transfer`… as Stripe names it. */
  readonly type: string;
}
