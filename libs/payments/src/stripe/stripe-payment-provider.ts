import Stripe from 'stripe';
import type { Money } from '@elan/domain-kernel';
import { elanMetrics, stripeOperation } from '@elan/observability';
import { elanMetadata } from '../elan-metadata';
import { isPaymentProviderError, PaymentProviderError } from '../payment-errors';
import type { IdempotencyKey } from '../idempotency-key';
import type { Owned, PaymentProvider, PaymentRequest, OffSessionCharge, TransferRequest } from '../payment-provider';
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
} from '../payment-types';
import { toStripeAmount } from '../stripe-money';
import { callStripe, declineOf, providerErrorOf } from './stripe-errors';
import { cardSetupOutcomeOf, paymentOutcomeOf } from './stripe-outcomes';
import type { BalanceTransactionRecord, PaymentRecord, RefundRecord, TransferRecord } from '../payment-records';
import {
  toBalanceEntry,
  toBalanceTransactionRecord,
  toPaymentRecord,
  toRefundRecord,
  toTransferRecord,
  toCardSetup,
  toConnectedAccount,
  toCustomer,
  toPayment,
  toRefund,
  toSavedCard,
  toTransfer,
  toTransferReversal,
} from './stripe-mapping';

/** Where the SDK talks: Stripe itself unless `host` names the emulator. */
export interface StripeConnection {
  readonly secretKey: string;
  readonly host?: string;
  readonly port?: number;
  readonly protocol?: 'http' | 'https';
  /** Retries of a failed network call, each with the same idempotency key; 2 unless given. */
  readonly maxNetworkRetries?: number;
  /** Per attempt, in milliseconds; 20 s unless given (Stripe answers most calls within 1–2 s). */
  readonly timeoutMs?: number;
}

const keyed = (idempotencyKey: IdempotencyKey): Stripe.RequestOptions => ({ idempotencyKey });

// Cards only: without a `return_url`, a confirmation may not offer redirect-based methods.
const CARD_ONLY = ['card'];

/** The one adapter of the payment port, on the official SDK: the same code for Stripe and the emulator. */
export class StripePaymentProvider implements PaymentProvider {
  private readonly stripe: Stripe;

  constructor(connection: StripeConnection) {
    this.stripe = new Stripe(connection.secretKey, {
      host: connection.host,
      port: connection.port,
      protocol: connection.protocol,
      maxNetworkRetries: connection.maxNetworkRetries ?? 2,
      timeout: connection.timeoutMs ?? 20_000,
      // Names Élan in Stripe's request logs (the User-Agent header: ASCII only).
      appInfo: { name: 'elan-payments' },
    });
    measureStripeCalls(this.stripe);
  }

  createCustomer(request: Owned & { email: string; name?: string }): Promise<PaymentCustomer> {
    const params = { email: request.email, name: request.name, metadata: elanMetadata(request.owner) };
    return callStripe(async () => toCustomer(await this.stripe.customers.create(params, keyed(request.idempotencyKey))));
  }

  retrieveCustomer(customerId: string): Promise<PaymentCustomer> {
    return callStripe(async () => {
      const customer = await this.stripe.customers.retrieve(customerId);
      if (customer.deleted) throw new PaymentProviderError('not_found', `customer ${customerId} was deleted`);
      return toCustomer(customer);
    });
  }

  async deleteCustomer(customerId: string): Promise<void> {
    try {
      await callStripe(() => this.stripe.customers.del(customerId));
    } catch (error) {
      if (!isPaymentProviderError(error, 'not_found')) throw error;
    }
  }

  async attachCard(paymentMethodId: string, customerId: string): Promise<AttachOutcome> {
    try {
      return {
        kind: 'attached',
        card: toSavedCard(await this.stripe.paymentMethods.attach(paymentMethodId, { customer: customerId })),
      };
    } catch (error: unknown) {
      const declined = declineOf(error);
      if (declined) return declined;
      throw providerErrorOf(error);
    }
  }

  retrieveCard(paymentMethodId: string): Promise<SavedCard> {
    return callStripe(async () => toSavedCard(await this.stripe.paymentMethods.retrieve(paymentMethodId)));
  }

  startCardSetup(request: Owned & { customerId: string; paymentMethodId?: string }): Promise<CardSetup> {
    const params: Stripe.SetupIntentCreateParams = {
      customer: request.customerId,
      payment_method: request.paymentMethodId,
      usage: 'off_session',
      allowed_payment_method_types: CARD_ONLY,
      metadata: elanMetadata(request.owner),
    };
    return callStripe(async () => toCardSetup(await this.stripe.setupIntents.create(params, keyed(request.idempotencyKey))));
  }

  confirmCardSetup(
    setupId: string,
    request: { idempotencyKey: IdempotencyKey; paymentMethodId?: string },
  ): Promise<CardSetupOutcome> {
    const params = { payment_method: request.paymentMethodId };
    return cardSetupOutcomeOf(() => this.stripe.setupIntents.confirm(setupId, params, keyed(request.idempotencyKey)));
  }

  retrieveCardSetup(setupId: string): Promise<CardSetup> {
    return callStripe(async () => toCardSetup(await this.stripe.setupIntents.retrieve(setupId)));
  }

  startPayment(request: PaymentRequest): Promise<Payment> {
    return callStripe(async () =>
      toPayment(await this.stripe.paymentIntents.create(intentParams(request), keyed(request.idempotencyKey))),
    );
  }

  confirmPayment(
    paymentId: string,
    request: { idempotencyKey: IdempotencyKey; paymentMethodId?: string },
  ): Promise<PaymentOutcome> {
    const params = { payment_method: request.paymentMethodId };
    return paymentOutcomeOf(() => this.stripe.paymentIntents.confirm(paymentId, params, keyed(request.idempotencyKey)));
  }

  payNow(request: PaymentRequest & { paymentMethodId: string }): Promise<PaymentOutcome> {
    const params = { ...intentParams(request), confirm: true };
    return paymentOutcomeOf(() => this.stripe.paymentIntents.create(params, keyed(request.idempotencyKey)));
  }

  chargeSavedCard(request: OffSessionCharge): Promise<PaymentOutcome> {
    const params = { ...intentParams(request), confirm: true, off_session: true };
    return paymentOutcomeOf(() => this.stripe.paymentIntents.create(params, keyed(request.idempotencyKey)));
  }

  cancelPayment(paymentId: string, request: { idempotencyKey: IdempotencyKey }): Promise<Payment> {
    return callStripe(async () =>
      toPayment(await this.stripe.paymentIntents.cancel(paymentId, {}, keyed(request.idempotencyKey))),
    );
  }

  retrievePayment(paymentId: string): Promise<Payment> {
    return callStripe(async () => toPayment(await this.stripe.paymentIntents.retrieve(paymentId)));
  }

  refund(request: Owned & { paymentId: string; amount?: Money }): Promise<Refund> {
    const params: Stripe.RefundCreateParams = {
      payment_intent: request.paymentId,
      amount: request.amount && toStripeAmount(request.amount).amount,
      metadata: elanMetadata(request.owner),
    };
    return callStripe(async () => toRefund(await this.stripe.refunds.create(params, keyed(request.idempotencyKey))));
  }

  retrieveRefund(refundId: string): Promise<Refund> {
    return callStripe(async () => toRefund(await this.stripe.refunds.retrieve(refundId)));
  }

  createConnectedAccount(request: Owned & { email: string; country: string }): Promise<ConnectedAccount> {
    const params: Stripe.AccountCreateParams = {
      type: 'express',
      country: request.country,
      email: request.email,
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      metadata: elanMetadata(request.owner),
    };
    return callStripe(async () => toConnectedAccount(await this.stripe.accounts.create(params, keyed(request.idempotencyKey))));
  }

  retrieveConnectedAccount(accountId: string): Promise<ConnectedAccount> {
    return callStripe(async () => toConnectedAccount(await this.stripe.accounts.retrieve(accountId)));
  }

  createOnboardingLink(request: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<OnboardingLink> {
    const params: Stripe.AccountLinkCreateParams = {
      account: request.accountId,
      refresh_url: request.refreshUrl,
      return_url: request.returnUrl,
      type: 'account_onboarding',
    };
    return callStripe(async () => {
      const link = await this.stripe.accountLinks.create(params);
      return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
    });
  }

  async transfer(request: TransferRequest): Promise<TransferOutcome> {
    const params: Stripe.TransferCreateParams = {
      ...toStripeAmount(request.amount),
      destination: request.destinationAccountId,
      transfer_group: request.transferGroup,
      source_transaction: request.sourceChargeId,
      metadata: elanMetadata(request.owner),
    };
    try {
      return {
        kind: 'transferred',
        transfer: toTransfer(await this.stripe.transfers.create(params, keyed(request.idempotencyKey))),
      };
    } catch (error: unknown) {
      const failure = providerErrorOf(error);
      // Stripe refuses a transfer as an invalid request: an account without an active `transfers`
      // capability, a balance or a source charge too small. The payout service decides what next.
      if (failure.kind !== 'rejected') throw failure;
      return { kind: 'refused', code: failure.details.code ?? 'transfer_refused', message: failure.message };
    }
  }

  retrieveTransfer(transferId: string): Promise<Transfer> {
    return callStripe(async () => toTransfer(await this.stripe.transfers.retrieve(transferId)));
  }

  reverseTransfer(request: Owned & { transferId: string; amount?: Money }): Promise<TransferReversal> {
    const params: Stripe.TransferCreateReversalParams = {
      amount: request.amount && toStripeAmount(request.amount).amount,
      metadata: elanMetadata(request.owner),
    };
    return callStripe(async () =>
      toTransferReversal(await this.stripe.transfers.createReversal(request.transferId, params, keyed(request.idempotencyKey))),
    );
  }

  feesOfPayment(paymentId: string): Promise<BalanceEntry> {
    return callStripe(async () => {
      const intent = await this.stripe.paymentIntents.retrieve(paymentId, { expand: ['latest_charge.balance_transaction'] });
      const charge = intent.latest_charge;
      return balanceEntryOf(typeof charge === 'object' ? charge?.balance_transaction : null, `payment ${paymentId}`);
    });
  }

  feesOfRefund(refundId: string): Promise<BalanceEntry> {
    return callStripe(async () => {
      const refund = await this.stripe.refunds.retrieve(refundId, { expand: ['balance_transaction'] });
      return balanceEntryOf(refund.balance_transaction, `refund ${refundId}`);
    });
  }

  listPayments(): Promise<PaymentRecord[]> {
    return callStripe(() => everyPage(this.stripe.paymentIntents.list({ limit: PAGE }), toPaymentRecord));
  }

  listRefunds(): Promise<RefundRecord[]> {
    return callStripe(() => everyPage(this.stripe.refunds.list({ limit: PAGE }), toRefundRecord));
  }

  listTransfers(): Promise<TransferRecord[]> {
    return callStripe(() => everyPage(this.stripe.transfers.list({ limit: PAGE }), toTransferRecord));
  }

  listBalanceTransactions(): Promise<BalanceTransactionRecord[]> {
    return callStripe(() => everyPage(this.stripe.balanceTransactions.list({ limit: PAGE }), toBalanceTransactionRecord));
  }
}

/** Stripe's largest page: fewer round trips for a whole list. */
const PAGE = 100;

/** Walks a list to its last page with the SDK's auto-pagination (`starting_after` the last id of each page). */
const everyPage = async <T, R>(list: AsyncIterable<T>, map: (item: T) => R): Promise<R[]> => {
  const all: R[] = [];
  for await (const item of list) all.push(map(item));
  return all;
};

const intentParams = (request: PaymentRequest): Stripe.PaymentIntentCreateParams => ({
  ...toStripeAmount(request.amount),
  customer: request.customerId,
  payment_method: request.paymentMethodId,
  allowed_payment_method_types: CARD_ONLY,
  capture_method: 'automatic',
  transfer_group: request.transferGroup,
  description: request.description,
  metadata: elanMetadata(request.owner),
});

const balanceEntryOf = (entry: string | Stripe.BalanceTransaction | null | undefined, what: string): BalanceEntry => {
  if (!entry || typeof entry === 'string') throw new PaymentProviderError('not_found', `${what} has no balance transaction yet`);
  return toBalanceEntry(entry);
};

/**
 * Every answered call to Stripe, timed by the SDK itself (its `response` event, one per attempt):
 * `elan_stripe_call_duration_seconds` by operation (method and path template) and status, and
 * `elan_stripe_call_errors_total` for 4xx and 5xx answers.
 */
function measureStripeCalls(stripe: Stripe): void {
  const onResponse = (event: { method: string; path: string; status: number; elapsed: number }): void => {
    const labels = { operation: stripeOperation(event.method, event.path), status: String(event.status) };
    elanMetrics.stripeCallDuration.observe(labels, event.elapsed / 1_000);
    if (event.status >= 400) elanMetrics.stripeCallErrors.inc(labels);
  };
  (stripe as unknown as { on(name: 'response', handler: typeof onResponse): void }).on('response', onResponse);
}
