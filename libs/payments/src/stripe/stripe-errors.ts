import Stripe from 'stripe';
import { PaymentProviderError } from '../payment-errors';
import type { Declined } from '../payment-types';

/**
 * Stripe's errors in Élan's terms. A card error is a business answer (`Declined`); everything
 * else becomes a `PaymentProviderError` of one kind, with Stripe's `code` and `param` kept.
 */

/** A card error as the decline the contributor is told about, or `undefined` for any other error. */
export const declineOf = (error: unknown): Declined | undefined => {
  if (!(error instanceof Stripe.errors.StripeCardError)) return undefined;
  const code = error.code ?? 'card_declined';
  // Off-session 3-D Secure is a card error whose code is `authentication_required`; Stripe may
  // leave `decline_code` empty then, and the code is the reason the contributor must hear.
  return { kind: 'declined', declineCode: error.decline_code ?? code, code, message: error.message };
};

export const providerErrorOf = (error: unknown): PaymentProviderError => {
  if (error instanceof PaymentProviderError) return error;
  if (!(error instanceof Stripe.errors.StripeError))
    return new PaymentProviderError('unavailable', `payment provider call failed: ${String(error)}`, {}, { cause: error });
  const details = { code: error.code, param: error.param, statusCode: error.statusCode };
  const because = { cause: error };
  if (error instanceof Stripe.errors.StripeIdempotencyError)
    return new PaymentProviderError('idempotency_conflict', error.message, details, because);
  if (error instanceof Stripe.errors.StripeInvalidRequestError)
    return error.code === 'resource_missing' || error.statusCode === 404
      ? new PaymentProviderError('not_found', error.message, details, because)
      : new PaymentProviderError('rejected', error.message, details, because);
  if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError)
    return new PaymentProviderError('misconfigured', error.message, details, because);
  if (error instanceof Stripe.errors.StripeCardError)
    return new PaymentProviderError('rejected', error.message, details, because);
  return new PaymentProviderError('unavailable', error.message, details, because);
};

/** Runs a Stripe call, turning its errors into Élan's. */
export const callStripe = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error: unknown) {
    throw providerErrorOf(error);
  }
};
