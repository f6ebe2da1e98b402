import type Stripe from 'stripe';

/** Only a web page may receive the browser back: `javascript:`, `data:` and the like are refused. */
export const isHttpUrl = (value: string): boolean => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);

/**
 * `redirect_status` as Stripe sets it on the way back: `succeeded`, or `failed` when the attempt
 * left the intent waiting for another payment method (a decline, a failed 3-D Secure); any other
 * status (`processing`, which cards never reach here) is passed as it is.
 */
const redirectStatusOf = (intent: Stripe.PaymentIntent | Stripe.SetupIntent): string =>
  intent.status === 'requires_payment_method' ? 'failed' : intent.status;

/**
 * Where the browser goes once the intent is settled: `return_url` with the parameters Stripe.js
 * appends after a redirect (`payment_intent`, `payment_intent_client_secret`, `redirect_status`; for
 * a SetupIntent, `setup_intent` and `setup_intent_client_secret`). Its own query is kept.
 */
export const returnLocation = (returnUrl: string, intent: Stripe.PaymentIntent | Stripe.SetupIntent): string => {
  const url = new URL(returnUrl);
  const name = intent.object;
  url.searchParams.set(name, intent.id);
  url.searchParams.set(`${name}_client_secret`, intent.client_secret ?? '');
  url.searchParams.set('redirect_status', redirectStatusOf(intent));
  return url.toString();
};
