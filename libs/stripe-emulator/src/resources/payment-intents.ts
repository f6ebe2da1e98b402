import type Stripe from 'stripe';
import { pathParam, type EmulatorContext, type Route } from '../context';
import { nowSeconds, stripeId } from '../wire/ids';
import { listPage } from '../wire/list';
import type { Params } from '../wire/params';
import { StripeApiError, invalidRequest, missingResource } from '../wire/stripe-error';
import { chargeFor } from './charges';
import { getCustomer } from './customers';
import { attachPaymentMethod, declineError, resolvePaymentMethod, testCardOf } from './payment-methods';

export const getPaymentIntent = (context: EmulatorContext, id: string, param = 'intent'): Stripe.PaymentIntent => {
  const intent = context.state.data.paymentIntents[id];
  if (intent === undefined) throw missingResource(id, param);
  return intent;
};

const unexpectedState = (intent: Stripe.PaymentIntent, action: string): StripeApiError =>
  new StripeApiError(
    400,
    'invalid_request_error',
    `You cannot ${action} this PaymentIntent because it has a status of ${intent.status}.`,
    {
      code: 'payment_intent_unexpected_state',
      extra: { payment_intent: intent },
    },
  );

/** The page a customer would see for 3-D Secure; the emulator serves it (and the control API completes it). */
export const challengeUrl = (context: EmulatorContext, id: string): string => `${context.baseUrl()}/emulator/3ds/${id}`;

const paymentFailed = (
  context: EmulatorContext,
  intent: Stripe.PaymentIntent,
  method: Stripe.PaymentMethod,
  failure: { code: string; declineCode?: string; message: string; charge?: string },
): StripeApiError => {
  intent.status = 'requires_payment_method';
  intent.next_action = null;
  intent.last_payment_error = {
    type: 'card_error',
    code: failure.code,
    decline_code: failure.declineCode,
    message: failure.message,
    charge: failure.charge,
    payment_method: method,
  };
  context.emit('payment_intent.payment_failed', intent);
  return declineError(failure.message, failure.code, failure.declineCode ?? failure.code, {
    payment_intent: intent,
    payment_method: method,
    charge: failure.charge,
  });
};

/** Charges the card once any authentication is settled: succeeded, or declined as the test card says. */
const charge = (context: EmulatorContext, intent: Stripe.PaymentIntent, method: Stripe.PaymentMethod): Stripe.PaymentIntent => {
  const decline = testCardOf(context, method.id).chargeDecline;
  const result = chargeFor(context, intent, method, decline);
  intent.latest_charge = result.id;
  if (decline !== undefined) throw paymentFailed(context, intent, method, { ...decline, charge: result.id });
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  intent.next_action = null;
  intent.last_payment_error = null;
  if (intent.setup_future_usage !== null && typeof intent.customer === 'string')
    attachPaymentMethod(context, method, intent.customer);
  context.emit('payment_intent.succeeded', intent);
  return intent;
};

/**
 * `POST /v1/payment_intents/{id}/confirm`, also what the emulator's test-card page runs (as Stripe.js
 * confirms from the contributor's browser): succeeded, `requires_action` with a 3-D Secure page, or
 * a thrown `card_error` with the intent back to `requires_payment_method`.
 */
export const confirmPaymentIntent = (
  context: EmulatorContext,
  intent: Stripe.PaymentIntent,
  params: Params,
): Stripe.PaymentIntent => {
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(intent.status))
    throw unexpectedState(intent, 'confirm');
  const methodId =
    params.string('payment_method') ?? (typeof intent.payment_method === 'string' ? intent.payment_method : undefined);
  if (methodId === undefined)
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method. Update the PaymentIntent with a payment method and then confirm it again.",
      'payment_method',
      'payment_intent_unexpected_state',
    );
  const method = resolvePaymentMethod(context, methodId);
  intent.payment_method = method.id;
  const offSession = params.string('off_session') !== undefined && params.string('off_session') !== 'false';
  const card = testCardOf(context, method.id);
  const setUp = context.state.data.cards[method.id]?.setUpOffSession === true;
  const needsAuthentication =
    card.authentication === 'always' || (card.authentication === 'unless-set-up' && !(offSession && setUp));
  if (needsAuthentication && offSession) {
    const failed = chargeFor(context, intent, method, {
      code: 'authentication_required',
      declineCode: 'authentication_required',
      message: 'Your card was declined. This transaction requires authentication.',
    });
    intent.latest_charge = failed.id;
    throw paymentFailed(context, intent, method, {
      code: 'authentication_required',
      declineCode: 'authentication_required',
      message: 'Your card was declined. This transaction requires authentication.',
      charge: failed.id,
    });
  }
  if (needsAuthentication) {
    intent.status = 'requires_action';
    const returnUrl = params.string('return_url') ?? null;
    intent.next_action = {
      type: 'redirect_to_url',
      redirect_to_url: { url: challengeUrl(context, intent.id), return_url: returnUrl },
    };
    context.emit('payment_intent.requires_action', intent);
    return intent;
  }
  return charge(context, intent, method);
};

/** The outcome of the 3-D Secure challenge, chosen by the test through the control API or the page. */
export const completePaymentAuthentication = (context: EmulatorContext, id: string, succeeded: boolean): Stripe.PaymentIntent => {
  const intent = getPaymentIntent(context, id, 'id');
  if (intent.status !== 'requires_action' || typeof intent.payment_method !== 'string')
    throw unexpectedState(intent, 'authenticate');
  const method = resolvePaymentMethod(context, intent.payment_method);
  if (succeeded) {
    try {
      return charge(context, intent, method);
    } catch {
      return intent; // the decline is recorded on the intent; the challenge itself went through
    }
  }
  paymentFailed(context, intent, method, {
    code: 'payment_intent_authentication_failure',
    message:
      'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
  });
  return intent;
};

/** Stripe's minimum charge amounts, in minor units, for the currencies Élan uses. */
const MINIMUM_CHARGE: Record<string, number> = { eur: 50, usd: 50, gbp: 30, chf: 50 };

const create = (context: EmulatorContext, params: Params): Stripe.PaymentIntent => {
  const amount = params.requiredAmount('amount');
  const currency = params.requiredString('currency').toLowerCase();
  const minimum = MINIMUM_CHARGE[currency];
  if (minimum !== undefined && amount < minimum)
    throw invalidRequest(`Amount must be at least ${minimum} minor units of ${currency}`, 'amount', 'amount_too_small');
  const customer = params.string('customer') ?? null;
  if (customer !== null) getCustomer(context, customer);
  const methodId = params.string('payment_method');
  const method = methodId === undefined ? undefined : resolvePaymentMethod(context, methodId);
  const id = stripeId('pi');
  const intent: Stripe.PaymentIntent = {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_${stripeId('x').slice(2)}`,
    confirmation_method: 'automatic',
    created: nowSeconds(),
    currency,
    customer,
    customer_account: null,
    description: params.string('description') ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: params.metadata(),
    next_action: null,
    on_behalf_of: null,
    payment_method: method?.id ?? null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    payment_method_types: params.strings('payment_method_types') ?? ['card'],
    payment_record: null,
    processing: null,
    receipt_email: params.string('receipt_email') ?? null,
    review: null,
    setup_future_usage: (params.string('setup_future_usage') as Stripe.PaymentIntent.SetupFutureUsage | undefined) ?? null,
    shipping: null,
    source: null,
    statement_descriptor: params.string('statement_descriptor') ?? null,
    statement_descriptor_suffix: params.string('statement_descriptor_suffix') ?? null,
    status: method === undefined ? 'requires_payment_method' : 'requires_confirmation',
    transfer_group: params.string('transfer_group') ?? null,
  };
  context.state.data.paymentIntents[id] = intent;
  context.emit('payment_intent.created', intent);
  return params.boolean('confirm') === true ? confirmPaymentIntent(context, intent, params) : intent;
};

const CANCELABLE: Stripe.PaymentIntent.Status[] = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'requires_capture',
  'processing',
];

export const paymentIntentRoutes = (context: EmulatorContext): Route[] => [
  { method: 'POST', pattern: /^\/v1\/payment_intents$/, handle: ({ params }) => create(context, params) },
  {
    method: 'GET',
    pattern: /^\/v1\/payment_intents\/([^/]+)$/,
    handle: (request) => getPaymentIntent(context, pathParam(request), 'id'),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/payment_intents\/([^/]+)$/,
    handle: ({ params, ...request }) => {
      const intent = getPaymentIntent(context, pathParam({ params, ...request }), 'id');
      if (intent.status === 'succeeded' || intent.status === 'canceled') throw unexpectedState(intent, 'update');
      intent.amount = params.integer('amount') ?? intent.amount;
      intent.description = params.string('description') ?? intent.description;
      intent.metadata = params.metadata(intent.metadata);
      const methodId = params.string('payment_method');
      if (methodId !== undefined) {
        intent.payment_method = resolvePaymentMethod(context, methodId).id;
        intent.status = 'requires_confirmation';
      }
      return intent;
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/payment_intents\/([^/]+)\/confirm$/,
    handle: (request) => confirmPaymentIntent(context, getPaymentIntent(context, pathParam(request), 'id'), request.params),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/payment_intents\/([^/]+)\/cancel$/,
    handle: (request) => {
      const intent = getPaymentIntent(context, pathParam(request), 'id');
      if (!CANCELABLE.includes(intent.status)) throw unexpectedState(intent, 'cancel');
      intent.status = 'canceled';
      intent.canceled_at = nowSeconds();
      intent.next_action = null;
      intent.cancellation_reason =
        (request.params.string('cancellation_reason') as Stripe.PaymentIntent.CancellationReason | undefined) ?? null;
      context.emit('payment_intent.canceled', intent);
      return intent;
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/payment_intents$/,
    handle: ({ params }) => {
      const customer = params.string('customer');
      const all = Object.values(context.state.data.paymentIntents).filter(
        (intent) => customer === undefined || intent.customer === customer,
      );
      return listPage(all, params, '/v1/payment_intents');
    },
  },
];
