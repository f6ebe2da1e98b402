import type { Money } from '@elan/domain-kernel';
import type { ElanOwner } from './elan-metadata';
import type { IdempotencyKey } from './idempotency-key';
import type { BalanceTransactionRecord, PaymentRecord, RefundRecord, TransferRecord } from './payment-records';
import type {
  AttachOutcome,
  BalanceEntry,
  CardSetup,
  CardSetupOutcome,
  ConnectedAccount,
  OnboardingLink,
  Payment,
  PaymentCustomer,
  PaymentOutcome,
  Refund,
  SavedCard,
  Transfer,
  TransferOutcome,
  TransferReversal,
} from './payment-types';

/** What every call that creates something carries: who owns it in Élan, and its retry-safe key. */
export interface Owned {
  readonly owner: ElanOwner;
  readonly idempotencyKey: IdempotencyKey;
}

export interface PaymentRequest extends Owned {
  readonly amount: Money;
  readonly customerId?: string;
  readonly paymentMethodId?: string;
  /** Per campaign: the transfers that pay it out later carry the same group. */
  readonly transferGroup?: string;
  readonly description?: string;
}

export interface OffSessionCharge extends Owned {
  readonly amount: Money;
  readonly customerId: string;
  readonly paymentMethodId: string;
  readonly transferGroup?: string;
  readonly description?: string;
}

export interface TransferRequest extends Owned {
  readonly amount: Money;
  readonly destinationAccountId: string;
  readonly transferGroup: string;
  /** The charge this transfer pays out: the transfer waits for its funds, not the whole balance. */
  readonly sourceChargeId?: string;
}

/**
 * The payment provider as Élan's services use it. No Stripe type crosses it: amounts are `Money`,
 * statuses are Élan's unions, a declined card or a 3-D Secure challenge is an outcome to decide
 * on, and failures of the provider itself are `PaymentProviderError`s. Every call that creates an
 * object or moves money takes an idempotency key, so a retried call never acts twice.
 */
export interface PaymentProvider {
  createCustomer(request: Owned & { readonly email: string; readonly name?: string }): Promise<PaymentCustomer>;
  retrieveCustomer(customerId: string): Promise<PaymentCustomer>;
  /**
   * Deletes the customer at the provider, with what it holds of the person (e-mail, name, saved
   * cards): an erasure's last step. Payments already made stay, refundable. A customer already
   * deleted is not an error, so an erasure can be retried.
   */
  deleteCustomer(customerId: string): Promise<void>;

  /** Attaches a card (a test card such as `pm_card_visa`, or one the page collected) to a customer. */
  attachCard(paymentMethodId: string, customerId: string): Promise<AttachOutcome>;
  retrieveCard(paymentMethodId: string): Promise<SavedCard>;

  /** Starts saving a card for charges later, without the contributor (`usage: off_session`). */
  startCardSetup(request: Owned & { readonly customerId: string; readonly paymentMethodId?: string }): Promise<CardSetup>;
  confirmCardSetup(
    setupId: string,
    request: { readonly idempotencyKey: IdempotencyKey; readonly paymentMethodId?: string },
  ): Promise<CardSetupOutcome>;
  retrieveCardSetup(setupId: string): Promise<CardSetup>;

  /** Creates a payment to confirm later (automatic capture). */
  startPayment(request: PaymentRequest): Promise<Payment>;
  confirmPayment(
    paymentId: string,
    request: { readonly idempotencyKey: IdempotencyKey; readonly paymentMethodId?: string },
  ): Promise<PaymentOutcome>;
  /** Creates and confirms in one call, the contributor present (automatic capture). */
  payNow(request: PaymentRequest & { readonly paymentMethodId: string }): Promise<PaymentOutcome>;
  /** Charges a saved card without the contributor: all-or-nothing collection. */
  chargeSavedCard(request: OffSessionCharge): Promise<PaymentOutcome>;
  cancelPayment(paymentId: string, request: { readonly idempotencyKey: IdempotencyKey }): Promise<Payment>;
  retrievePayment(paymentId: string): Promise<Payment>;

  /** Refunds the whole payment, or `amount` of it. */
  refund(request: Owned & { readonly paymentId: string; readonly amount?: Money }): Promise<Refund>;
  retrieveRefund(refundId: string): Promise<Refund>;

  /** A holder's Express account, able to receive transfers once verified. */
  createConnectedAccount(request: Owned & { readonly email: string; readonly country: string }): Promise<ConnectedAccount>;
  retrieveConnectedAccount(accountId: string): Promise<ConnectedAccount>;
  createOnboardingLink(request: {
    readonly accountId: string;
    readonly refreshUrl: string;
    readonly returnUrl: string;
  }): Promise<OnboardingLink>;

  transfer(request: TransferRequest): Promise<TransferOutcome>;
  retrieveTransfer(transferId: string): Promise<Transfer>;
  /** Takes back the whole transfer, or `amount` of it. */
  reverseTransfer(request: Owned & { readonly transferId: string; readonly amount?: Money }): Promise<TransferReversal>;

  /** What the charge behind a succeeded payment cost the platform. */
  feesOfPayment(paymentId: string): Promise<BalanceEntry>;
  /** What a refund did to the platform's balance (Stripe keeps the charge's fee). */
  feesOfRefund(refundId: string): Promise<BalanceEntry>;

  /**
   * For reconciliation: every PaymentIntent, refund, transfer and balance transaction of the
   * platform's account, walked page by page to the last (Stripe lists newest first).
   */
  listPayments(): Promise<PaymentRecord[]>;
  listRefunds(): Promise<RefundRecord[]>;
  listTransfers(): Promise<TransferRecord[]>;
  listBalanceTransactions(): Promise<BalanceTransactionRecord[]>;
}
