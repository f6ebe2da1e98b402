import type Stripe from 'stripe';
import { elanOwnerOf } from '../elan-metadata';
import type {
  BalanceEntry,
  CardSetup,
  CardSetupStatus,
  ConnectedAccount,
  Payment,
  PaymentCustomer,
  PaymentStatus,
  Refund,
  RefundStatus,
  SavedCard,
  Transfer,
  TransferReversal,
} from '../payment-types';
import type { BalanceTransactionRecord, PaymentRecord, RefundRecord, TransferRecord } from '../payment-records';
import { fromStripeAmount } from '../stripe-money';

/** Stripe objects as the port's values: the only place that reads Stripe's field names. */

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : value.id;

const INTENT_STATUSES: Readonly<Record<string, PaymentStatus>> = {
  requires_payment_method: 'awaiting_card',
  requires_confirmation: 'awaiting_confirmation',
  requires_action: 'awaiting_authentication',
  requires_capture: 'awaiting_capture',
  processing: 'processing',
  succeeded: 'succeeded',
  canceled: 'canceled',
};

const statusOf = (status: string, object: string): PaymentStatus => {
  const mapped = INTENT_STATUSES[status];
  if (!mapped) throw new Error(`unknown ${object} status ${JSON.stringify(status)}`);
  return mapped;
};

export const toCustomer = (customer: Stripe.Customer): PaymentCustomer => ({
  customerId: customer.id,
  email: customer.email ?? null,
  owner: elanOwnerOf(customer.metadata),
});

export const toSavedCard = (method: Stripe.PaymentMethod): SavedCard => {
  const card = method.card;
  if (!card || !card.last4 || !card.fingerprint) throw new Error(`payment method ${method.id} is not a card`);
  return {
    paymentMethodId: method.id,
    customerId: idOf(method.customer),
    brand: card.brand,
    last4: card.last4,
    fingerprint: card.fingerprint,
    expMonth: card.exp_month,
    expYear: card.exp_year,
  };
};

export const toPayment = (intent: Stripe.PaymentIntent): Payment => ({
  paymentId: intent.id,
  status: statusOf(intent.status, 'PaymentIntent'),
  amount: fromStripeAmount(intent.amount, intent.currency),
  customerId: idOf(intent.customer),
  paymentMethodId: idOf(intent.payment_method),
  chargeId: idOf(intent.latest_charge),
  transferGroup: intent.transfer_group ?? null,
  owner: elanOwnerOf(intent.metadata),
  lastDeclineCode: intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? null,
  clientSecret: intent.client_secret,
});

export const toCardSetup = (intent: Stripe.SetupIntent): CardSetup => ({
  setupId: intent.id,
  status: statusOf(intent.status, 'SetupIntent') as CardSetupStatus,
  customerId: idOf(intent.customer),
  paymentMethodId: idOf(intent.payment_method),
  owner: elanOwnerOf(intent.metadata),
  clientSecret: intent.client_secret,
});

const REFUND_STATUSES: readonly string[] = [
  'pending',
  'requires_action',
  'succeeded',
  'failed',
  'canceled',
] satisfies RefundStatus[];

export const toRefund = (refund: Stripe.Refund): Refund => {
  const status = refund.status ?? 'pending';
  if (!REFUND_STATUSES.includes(status)) throw new Error(`unknown Refund status ${JSON.stringify(status)}`);
  return {
    refundId: refund.id,
    paymentId: idOf(refund.payment_intent),
    amount: fromStripeAmount(refund.amount, refund.currency),
    status: status as RefundStatus,
  };
};

/**
 * Verified means able to receive transfers and be paid out. Before the holder finishes onboarding
 * Stripe already reports requirements (and a `disabled_reason`): that is `pending`, not
 * `restricted`, as is Stripe still checking what was sent.
 */
export const toConnectedAccount = (account: Stripe.Account): ConnectedAccount => {
  const canReceiveTransfers = account.capabilities?.transfers === 'active';
  const payoutsEnabled = account.payouts_enabled ?? false;
  const currentlyDue = account.requirements?.currently_due ?? [];
  const disabledReason = account.requirements?.disabled_reason ?? null;
  const verified = canReceiveTransfers && payoutsEnabled && currentlyDue.length === 0;
  const stillChecking = !account.details_submitted || disabledReason === 'requirements.pending_verification';
  return {
    accountId: account.id,
    state: verified ? 'verified' : stillChecking ? 'pending' : 'restricted',
    canReceiveTransfers,
    payoutsEnabled,
    requirements: { currentlyDue, disabledReason },
    owner: elanOwnerOf(account.metadata),
  };
};

export const toTransfer = (transfer: Stripe.Transfer): Transfer => ({
  transferId: transfer.id,
  amount: fromStripeAmount(transfer.amount, transfer.currency),
  amountReversed: fromStripeAmount(transfer.amount_reversed, transfer.currency),
  destinationAccountId: idOf(transfer.destination) ?? '',
  transferGroup: transfer.transfer_group ?? null,
  sourceChargeId: idOf(transfer.source_transaction),
  owner: elanOwnerOf(transfer.metadata),
});

export const toTransferReversal = (reversal: Stripe.TransferReversal): TransferReversal => ({
  reversalId: reversal.id,
  transferId: idOf(reversal.transfer) ?? '',
  amount: fromStripeAmount(reversal.amount, reversal.currency),
});

export const toBalanceEntry = (entry: Stripe.BalanceTransaction): BalanceEntry => ({
  balanceTransactionId: entry.id,
  amount: fromStripeAmount(entry.amount, entry.currency),
  fee: fromStripeAmount(entry.fee, entry.currency),
  net: fromStripeAmount(entry.net, entry.currency),
  type: entry.type,
});

export const toPaymentRecord = (intent: Stripe.PaymentIntent): PaymentRecord => ({
  paymentId: intent.id,
  status: statusOf(intent.status, 'PaymentIntent'),
  amountReceived: fromStripeAmount(intent.amount_received, intent.currency),
  chargeId: idOf(intent.latest_charge),
  transferGroup: intent.transfer_group ?? null,
  owner: elanOwnerOf(intent.metadata),
});

export const toRefundRecord = (refund: Stripe.Refund): RefundRecord => ({
  ...toRefund(refund),
  owner: elanOwnerOf(refund.metadata),
});

export const toTransferRecord = (transfer: Stripe.Transfer): TransferRecord => ({
  transferId: transfer.id,
  amount: fromStripeAmount(transfer.amount, transfer.currency),
  amountReversed: fromStripeAmount(transfer.amount_reversed, transfer.currency),
  transferGroup: transfer.transfer_group ?? null,
  destinationAccountId: idOf(transfer.destination) ?? '',
  reversals: transfer.reversals.data.map((reversal) => ({
    reversalId: reversal.id,
    amount: fromStripeAmount(reversal.amount, reversal.currency),
  })),
  owner: elanOwnerOf(transfer.metadata),
});

export const toBalanceTransactionRecord = (entry: Stripe.BalanceTransaction): BalanceTransactionRecord => ({
  balanceTransactionId: entry.id,
  amount: fromStripeAmount(entry.amount, entry.currency),
  fee: fromStripeAmount(entry.fee, entry.currency),
  net: fromStripeAmount(entry.net, entry.currency),
  source: idOf(entry.source),
  type: entry.type,
});
