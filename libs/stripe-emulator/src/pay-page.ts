import type Stripe from 'stripe';
import type { EmulatorContext } from './context';
import { emulatorPage, escapeHtml, refusal, type Page } from './page-html';
import { confirmPaymentIntent } from './resources/payment-intents';
import { confirmSetupIntent } from './resources/setup-intents';
import { isHttpUrl, returnLocation } from './return-url';
import { TEST_CARDS } from './test-cards';
import { parseForm } from './wire/form';
import { stripeId } from './wire/ids';
import { Params } from './wire/params';
import { StripeApiError } from './wire/stripe-error';

type Intent = Stripe.PaymentIntent | Stripe.SetupIntent;

/** The cards a person can pick, by Stripe's test payment method ids, in the order shown. */
const PAGE_CARDS: readonly { readonly id: string; readonly outcome: string }[] = [
  { id: 'pm_card_visa', outcome: 'succeeds' },
  { id: 'pm_card_authenticationRequired', outcome: 'asks for 3-D Secure, which you then complete or fail' },
  { id: 'pm_card_chargeDeclined', outcome: 'is declined' },
  { id: 'pm_card_chargeDeclinedInsufficientFunds', outcome: 'is declined: insufficient funds' },
];

/** What Stripe.js would still let a person pay: an intent waiting for its payment method. */
const AWAITING_PAYMENT_METHOD: readonly string[] = ['requires_payment_method', 'requires_confirmation'];

const findIntent = (context: EmulatorContext, id: string): Intent | undefined =>
  id.startsWith('pi_') ? context.state.data.paymentIntents[id] : context.state.data.setupIntents[id];

/** The amount as a person reads it; minor units are divided for display only, never rounded. */
const amountText = (intent: Stripe.PaymentIntent): string => {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency: intent.currency.toUpperCase() });
  return format.format(intent.amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
};

const grouped = (number: string): string => number.replace(/(\d{4})(?=\d)/g, '$1 ');

interface PayRequest {
  readonly clientSecret: string;
  readonly returnUrl: string;
}

/** The intent this browser may pay, or the page refusing it; the same checks for the page and its POST. */
const payableIntent = (context: EmulatorContext, id: string, request: PayRequest): Intent | Page => {
  const intent = findIntent(context, id);
  if (intent === undefined) return refusal(404, `There is no ${id} on this emulator.`);
  if (request.clientSecret === '' || request.clientSecret !== intent.client_secret)
    return refusal(400, `The client secret does not belong to ${id}.`);
  if (!AWAITING_PAYMENT_METHOD.includes(intent.status))
    return refusal(400, `${id} is not waiting for a payment method: its status is ${intent.status}.`);
  if (!isHttpUrl(request.returnUrl)) return refusal(400, 'The return_url must be an http or https address.');
  return intent;
};

const cardChoices = (chosen: string | undefined): string =>
  PAGE_CARDS.map(({ id, outcome }) => {
    const number = grouped(TEST_CARDS[id]?.number ?? '');
    return (
      `<div><input type="radio" name="card" id="card-${id}" value="${id}"${id === chosen ? ' checked' : ''}> ` +
      `<label for="card-${id}">${number} — ${escapeHtml(outcome)}</label></div>`
    );
  }).join('');

/** The form: the test cards as radio buttons, the intent's secret and return address carried along. */
const payForm = (path: string, intent: Intent, request: PayRequest, error?: string): Page => {
  const payment = intent.object === 'payment_intent' ? intent : undefined;
  const action = payment === undefined ? 'Save the card' : `Pay ${amountText(payment)}`;
  const heading = payment === undefined ? 'Save a card for later payments' : `Pay ${amountText(payment)}`;
  const alert = error === undefined ? '' : `<p id="card-error" role="alert"><strong>${escapeHtml(error)}</strong></p>`;
  const body =
    `<h1>${escapeHtml(heading)}</h1>` +
    `<p>${escapeHtml(payment === undefined ? 'SetupIntent' : 'PaymentIntent')} ${escapeHtml(intent.id)}. ` +
    `Choose one of Stripe's test cards: each behaves as it would in Stripe's test mode.</p>${alert}` +
    `<form method="post" action="${escapeHtml(path)}">` +
    `<input type="hidden" name="client_secret" value="${escapeHtml(request.clientSecret)}">` +
    `<input type="hidden" name="return_url" value="${escapeHtml(request.returnUrl)}">` +
    `<fieldset${error === undefined ? '' : ' aria-describedby="card-error"'}><legend>Test card</legend>` +
    `${cardChoices(error === undefined ? PAGE_CARDS[0]?.id : undefined)}</fieldset>` +
    `<p><button type="submit">${escapeHtml(action)}</button></p></form>`;
  return { status: error === undefined ? 200 : 400, html: emulatorPage(heading, body) };
};

/**
 * Confirms as `POST /v1/…/confirm` does (the same code, the same events), under a request id of
 * its own as Stripe.js's confirm call would have. A decline is not an error here: the intent
 * records it (`last_payment_error`, back to `requires_payment_method`) and the browser goes back.
 */
const confirmWithCard = (context: EmulatorContext, intent: Intent, card: string, returnUrl: string): Intent => {
  const params = new Params({ payment_method: card, return_url: returnUrl });
  context.currentRequest = { id: stripeId('req'), idempotencyKey: null };
  try {
    return intent.object === 'payment_intent'
      ? confirmPaymentIntent(context, intent, params)
      : confirmSetupIntent(context, intent, params);
  } catch (error) {
    if (error instanceof StripeApiError && error.type === 'card_error') return intent;
    throw error;
  } finally {
    context.currentRequest = { id: null, idempotencyKey: null };
    context.state.save();
  }
};

/**
 * `/emulator/pay/{pi_…|seti_…}`: the card step of a local journey. Where Stripe's Payment Element
 * would confirm the intent in the browser and redirect to `return_url`, this page does the same
 * with a test card chosen by the person: 3-D Secure goes through the challenge page first.
 */
export function answerPayPage(
  context: EmulatorContext,
  method: string,
  path: string,
  id: string,
  query: string,
  body: string,
): Page {
  const form = parseForm(method === 'GET' ? query : body);
  const text = (name: string): string => {
    const value = form[name];
    return typeof value === 'string' ? value : '';
  };
  const request: PayRequest = { clientSecret: text('client_secret'), returnUrl: text('return_url') };
  const intent = payableIntent(context, id, request);
  if (!('object' in intent)) return intent;
  if (method === 'GET') return payForm(path, intent, request);
  const card = text('card');
  if (!PAGE_CARDS.some((choice) => choice.id === card)) return payForm(path, intent, request, 'Choose one of the test cards.');
  const confirmed = confirmWithCard(context, intent, card, request.returnUrl);
  const challenge = confirmed.status === 'requires_action' ? confirmed.next_action?.redirect_to_url?.url : undefined;
  return { status: 303, html: '', location: challenge ?? returnLocation(request.returnUrl, confirmed) };
}
