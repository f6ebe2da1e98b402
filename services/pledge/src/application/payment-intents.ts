import { add, IllegalStateError, type Money } from '@elan/domain-kernel';
import { idempotencyKey, isPaymentProviderError, type ElanOwner, type PaymentProvider } from '@elan/payments';

/** What the contributor's page confirms: a PaymentIntent (keep-it-all) or a SetupIntent (all-or-nothing). */
export interface CheckoutIntent {
  readonly kind: 'payment' | 'card_setup';
  readonly intentId: string;
  readonly clientSecret: string;
}

const ownerOf = (pledgeId: string): ElanOwner => ({ service: 'pledge', entity: 'pledge', id: pledgeId });

/** The campaign's payouts later carry the same group, so Stripe ties each transfer to its charges. */
export const transferGroupOf = (campaignId: string): string => `campaign-${campaignId}`;

const secretOf = (clientSecret: string | null, intentId: string): string => {
  if (!clientSecret) throw new IllegalStateError(`Stripe gave no client secret for ${intentId}`, { intentId });
  return clientSecret;
};

/**
 * Creates the checkout's intent, or finds it again: every key derives from the pledge id, so a
 * retried request (the reply was lost, the service crashed) gets the very same intent from Stripe.
 */
export class CheckoutIntents {
  constructor(private readonly payments: PaymentProvider) {}

  /** Keep-it-all: one PaymentIntent for pledge + tip; the page confirms it. */
  async payment(pledge: {
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly amount: Money;
    readonly tip: Money;
  }): Promise<CheckoutIntent> {
    const created = await this.payments.startPayment({
      owner: ownerOf(pledge.pledgeId),
      idempotencyKey: idempotencyKey('pledge', pledge.pledgeId, 'payment'),
      amount: add(pledge.amount, pledge.tip),
      transferGroup: transferGroupOf(pledge.campaignId),
      description: `Pledge ${pledge.pledgeId} (pledge ${pledge.amount.amount} + tip ${pledge.tip.amount} minor units)`,
    });
    return { kind: 'payment', intentId: created.paymentId, clientSecret: secretOf(created.clientSecret, created.paymentId) };
  }

  /** All-or-nothing: a customer holding the card, and a SetupIntent that saves it for the collection. */
  async cardSetup(pledge: { readonly pledgeId: string; readonly email: string }): Promise<CheckoutIntent> {
    const customer = await this.payments.createCustomer({
      owner: ownerOf(pledge.pledgeId),
      idempotencyKey: idempotencyKey('pledge', pledge.pledgeId, 'customer'),
      email: pledge.email,
    });
    const setup = await this.payments.startCardSetup({
      owner: ownerOf(pledge.pledgeId),
      idempotencyKey: idempotencyKey('pledge', pledge.pledgeId, 'card-setup'),
      customerId: customer.customerId,
    });
    return { kind: 'card_setup', intentId: setup.setupId, clientSecret: secretOf(setup.clientSecret, setup.setupId) };
  }

  /** The intent recorded for a pledge, found again for a repeated request. */
  async existing(intentId: string): Promise<CheckoutIntent> {
    if (intentId.startsWith('seti_')) {
      const setup = await this.payments.retrieveCardSetup(intentId);
      return { kind: 'card_setup', intentId, clientSecret: secretOf(setup.clientSecret, intentId) };
    }
    const payment = await this.payments.retrievePayment(intentId);
    return { kind: 'payment', intentId, clientSecret: secretOf(payment.clientSecret, intentId) };
  }

  /**
   * Deletes the Stripe customer an all-or-nothing checkout made for the person (it holds their
   * e-mail and saved card); keep-it-all payments make none. For an erasure, once the pledge can
   * no longer be charged.
   */
  async forgetCustomerOf(intentId: string): Promise<void> {
    if (!intentId.startsWith('seti_')) return;
    const setup = await this.payments.retrieveCardSetup(intentId).catch((error: unknown) => {
      if (isPaymentProviderError(error, 'not_found')) return undefined;
      throw error;
    });
    if (setup?.customerId) await this.payments.deleteCustomer(setup.customerId);
  }
}
