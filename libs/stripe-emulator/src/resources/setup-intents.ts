import type Stripe from 'stripe';
import { pathParam, type EmulatorContext, type Route } from '../context';
import { nowSeconds, stripeId } from '../wire/ids';
import { listPage } from '../wire/list';
import type { Params } from '../wire/params';
import { StripeApiError, missingResource } from '../wire/stripe-error';
import { getCustomer } from './customers';
import { attachPaymentMethod, declineError, resolvePaymentMethod, testCardOf } from './payment-methods';

export const getSetupIntent = (context: EmulatorContext, id: string): Stripe.SetupIntent => {
  const intent = context.state.data.setupIntents[id];
  if (intent === undefined) throw missingResource(id, 'id');
  return intent;
};

const unexpectedState = (intent: Stripe.SetupIntent, action: string): StripeApiError =>
  new StripeApiError(
    400,
    'invalid_request_error',
    `You cannot ${action} this SetupIntent because it has a status of ${intent.status}.`,
    {
      code: 'setup_intent_unexpected_state',
      extra: { setup_intent: intent },
    },
  );

/** Saved: attached to the customer, and (for `usage: off_session`) authenticated for later charges. */
const succeed = (context: EmulatorContext, intent: Stripe.SetupIntent, method: Stripe.PaymentMethod): Stripe.SetupIntent => {
  if (typeof intent.customer === 'string') attachPaymentMethod(context, method, intent.customer);
  const facts = context.state.data.cards[method.id];
  if (facts !== undefined && intent.usage === 'off_session') facts.setUpOffSession = true;
  intent.status = 'succeeded';
  intent.next_action = null;
  intent.last_setup_error = null;
  context.emit('setup_intent.succeeded', intent);
  return intent;
};

const fail = (
  context: EmulatorContext,
  intent: Stripe.SetupIntent,
  method: Stripe.PaymentMethod,
  code: string,
  declineCode: string,
  message: string,
) => {
  intent.status = 'requires_payment_method';
  intent.next_action = null;
  intent.last_setup_error = { type: 'card_error', code, decline_code: declineCode, message, payment_method: method };
  context.emit('setup_intent.setup_failed', intent);
  return declineError(message, code, declineCode, { setup_intent: intent, payment_method: method });
};

/** `POST /v1/setup_intents/{id}/confirm`, also what the emulator's test-card page runs (as Stripe.js would). */
export const confirmSetupIntent = (context: EmulatorContext, intent: Stripe.SetupIntent, params: Params): Stripe.SetupIntent => {
  if (intent.status !== 'requires_payment_method' && intent.status !== 'requires_confirmation')
    throw unexpectedState(intent, 'confirm');
  const methodId =
    params.string('payment_method') ?? (typeof intent.payment_method === 'string' ? intent.payment_method : undefined);
  if (methodId === undefined) throw unexpectedState(intent, 'confirm');
  const method = resolvePaymentMethod(context, methodId);
  intent.payment_method = method.id;
  const card = testCardOf(context, method.id);
  if (card.setupDeclines && card.chargeDecline !== undefined)
    throw fail(context, intent, method, card.chargeDecline.code, card.chargeDecline.declineCode, card.chargeDecline.message);
  if (card.authentication !== 'never') {
    intent.status = 'requires_action';
    intent.next_action = {
      type: 'redirect_to_url',
      redirect_to_url: { url: `${context.baseUrl()}/emulator/3ds/${intent.id}`, return_url: params.string('return_url') ?? null },
    };
    context.emit('setup_intent.requires_action', intent);
    return intent;
  }
  return succeed(context, intent, method);
};

export const completeSetupAuthentication = (context: EmulatorContext, id: string, succeeded: boolean): Stripe.SetupIntent => {
  const intent = getSetupIntent(context, id);
  if (intent.status !== 'requires_action' || typeof intent.payment_method !== 'string')
    throw unexpectedState(intent, 'authenticate');
  const method = resolvePaymentMethod(context, intent.payment_method);
  if (succeeded) return succeed(context, intent, method);
  fail(
    context,
    intent,
    method,
    'setup_intent_authentication_failure',
    'setup_intent_authentication_failure',
    'The latest attempt to set up the payment method has failed because authentication failed.',
  );
  return intent;
};

const create = (context: EmulatorContext, params: Params): Stripe.SetupIntent => {
  const customer = params.string('customer') ?? null;
  if (customer !== null) getCustomer(context, customer);
  const methodId = params.string('payment_method');
  const method = methodId === undefined ? undefined : resolvePaymentMethod(context, methodId);
  const id = stripeId('seti');
  const intent: Stripe.SetupIntent = {
    id,
    object: 'setup_intent',
    allowed_payment_method_types: null,
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: null,
    client_secret: `${id}_secret_${stripeId('x').slice(2)}`,
    created: nowSeconds(),
    customer,
    description: params.string('description') ?? null,
    excluded_payment_method_types: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: params.metadata(),
    next_action: null,
    on_behalf_of: null,
    payment_method: method?.id ?? null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: params.strings('payment_method_types') ?? ['card'],
    single_use_mandate: null,
    status: method === undefined ? 'requires_payment_method' : 'requires_confirmation',
    usage: params.string('usage') ?? 'off_session',
  };
  context.state.data.setupIntents[id] = intent;
  context.emit('setup_intent.created', intent);
  return params.boolean('confirm') === true ? confirmSetupIntent(context, intent, params) : intent;
};

export const setupIntentRoutes = (context: EmulatorContext): Route[] => [
  { method: 'POST', pattern: /^\/v1\/setup_intents$/, handle: ({ params }) => create(context, params) },
  { method: 'GET', pattern: /^\/v1\/setup_intents\/([^/]+)$/, handle: (request) => getSetupIntent(context, pathParam(request)) },
  {
    method: 'POST',
    pattern: /^\/v1\/setup_intents\/([^/]+)\/confirm$/,
    handle: (request) => confirmSetupIntent(context, getSetupIntent(context, pathParam(request)), request.params),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/setup_intents\/([^/]+)\/cancel$/,
    handle: (request) => {
      const intent = getSetupIntent(context, pathParam(request));
      if (intent.status === 'succeeded' || intent.status === 'canceled') throw unexpectedState(intent, 'cancel');
      intent.status = 'canceled';
      intent.next_action = null;
      context.emit('setup_intent.canceled', intent);
      return intent;
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/setup_intents$/,
    handle: ({ params }) => {
      const customer = params.string('customer');
      const all = Object.values(context.state.data.setupIntents).filter(
        (intent) => customer === undefined || intent.customer === customer,
      );
      return listPage(all, params, '/v1/setup_intents');
    },
  },
];
