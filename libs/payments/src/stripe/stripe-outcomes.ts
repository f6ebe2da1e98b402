import type Stripe from 'stripe';
import { PaymentProviderError } from '../payment-errors';
import type { CardSetupOutcome, PaymentOutcome } from '../payment-types';
import { declineOf, providerErrorOf } from './stripe-errors';
import { toCardSetup, toPayment } from './stripe-mapping';

/**
 * A confirmation's answer as an outcome. Stripe answers a decline with a 402 card error that
 * carries the intent (now back to `requires_payment_method`); 3-D Secure with `requires_action`.
 */
export const paymentOutcomeOf = async (confirm: () => Promise<Stripe.PaymentIntent>): Promise<PaymentOutcome> => {
  let intent: Stripe.PaymentIntent;
  try {
    intent = await confirm();
  } catch (error: unknown) {
    const declined = declineOf(error);
    if (!declined) throw providerErrorOf(error);
    const failed = (error as Stripe.errors.StripeCardError).payment_intent;
    return { ...declined, payment: failed ? toPayment(failed) : null };
  }
  const payment = toPayment(intent);
  switch (payment.status) {
    case 'succeeded':
      return { kind: 'succeeded', payment };
    case 'processing':
      return { kind: 'processing', payment };
    case 'awaiting_authentication':
      return { kind: 'requires_action', payment, clientSecret: intent.client_secret };
    default:
      throw unexpected('PaymentIntent', intent.id, intent.status);
  }
};

export const cardSetupOutcomeOf = async (confirm: () => Promise<Stripe.SetupIntent>): Promise<CardSetupOutcome> => {
  let intent: Stripe.SetupIntent;
  try {
    intent = await confirm();
  } catch (error: unknown) {
    const declined = declineOf(error);
    if (!declined) throw providerErrorOf(error);
    const failed = (error as Stripe.errors.StripeCardError).setup_intent;
    return { ...declined, setup: failed ? toCardSetup(failed) : null };
  }
  const setup = toCardSetup(intent);
  switch (setup.status) {
    case 'succeeded':
      return { kind: 'succeeded', setup };
    case 'processing':
      return { kind: 'processing', setup };
    case 'awaiting_authentication':
      return { kind: 'requires_action', setup, clientSecret: intent.client_secret };
    default:
      throw unexpected('SetupIntent', intent.id, intent.status);
  }
};

// After a confirmation Stripe leaves an intent nowhere else; if it ever does, say so loudly.
const unexpected = (object: string, id: string, status: string): PaymentProviderError =>
  new PaymentProviderError('rejected', `${object} ${id} is ${status} after confirmation`, { code: 'unexpected_status' });
