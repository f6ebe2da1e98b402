import type Stripe from 'stripe';
import { pathParam, type EmulatorContext, type Route } from '../context';
import { fingerprintOf, TEST_CARDS, type TestCard } from '../test-cards';
import { nowSeconds, stripeId } from '../wire/ids';
import { listPage } from '../wire/list';
import { StripeApiError, missingResource } from '../wire/stripe-error';
import { getCustomer } from './customers';

const cardDetails = (card: TestCard): Stripe.PaymentMethod.Card => ({
  brand: card.brand,
  checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
  country: 'FR',
  display_brand: card.brand,
  exp_month: 12,
  exp_year: new Date().getUTCFullYear() + 3,
  fingerprint: fingerprintOf(card.number),
  funding: 'credit',
  generated_from: null,
  last4: card.number.slice(-4),
  networks: { available: [card.brand], preferred: null },
  regulated_status: 'unregulated',
  three_d_secure_usage: { supported: true },
  wallet: null,
});

/**
 * A payment method by id. A test id (`pm_card_visa`…) makes a fresh `pm_…` for that card each time it
 * is used, as Stripe does, so two customers saving the same test card get two methods with one fingerprint.
 */
export const resolvePaymentMethod = (context: EmulatorContext, id: string, param = 'payment_method'): Stripe.PaymentMethod => {
  const testCard = TEST_CARDS[id];
  if (testCard === undefined) {
    const method = context.state.data.paymentMethods[id];
    if (method === undefined) throw missingResource(id, param);
    return method;
  }
  const method: Stripe.PaymentMethod = {
    id: stripeId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    card: cardDetails(testCard),
    created: nowSeconds(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
  context.state.data.paymentMethods[method.id] = method;
  context.state.data.cards[method.id] = { testCard: id, setUpOffSession: false };
  return method;
};

export const testCardOf = (context: EmulatorContext, paymentMethodId: string): TestCard => {
  const facts = context.state.data.cards[paymentMethodId];
  const card = facts === undefined ? undefined : TEST_CARDS[facts.testCard];
  return card ?? (TEST_CARDS['pm_card_visa'] as TestCard);
};

export const declineError = (message: string, code: string, declineCode: string, extra: Record<string, unknown> = {}) =>
  new StripeApiError(402, 'card_error', message, { code, decline_code: declineCode, extra });

export const attachPaymentMethod = (context: EmulatorContext, method: Stripe.PaymentMethod, customerId: string): void => {
  getCustomer(context, customerId);
  const decline = testCardOf(context, method.id);
  if (decline.setupDeclines && decline.chargeDecline !== undefined)
    throw declineError(decline.chargeDecline.message, decline.chargeDecline.code, decline.chargeDecline.declineCode);
  if (method.customer !== null && method.customer !== customerId)
    throw new StripeApiError(400, 'invalid_request_error', 'This PaymentMethod is already attached to another customer.', {
      code: 'payment_method_unexpected_state',
    });
  if (method.customer === customerId) return;
  method.customer = customerId;
  context.emit('payment_method.attached', method);
};

export const paymentMethodRoutes = (context: EmulatorContext): Route[] => [
  {
    method: 'GET',
    pattern: /^\/v1\/payment_methods\/([^/]+)$/,
    handle: (request) => resolvePaymentMethod(context, pathParam(request), 'id'),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/payment_methods\/([^/]+)\/attach$/,
    handle: (request) => {
      const method = resolvePaymentMethod(context, pathParam(request), 'id');
      attachPaymentMethod(context, method, request.params.requiredString('customer'));
      return method;
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/payment_methods\/([^/]+)\/detach$/,
    handle: (request) => {
      const method = resolvePaymentMethod(context, pathParam(request), 'id');
      if (method.customer === null)
        throw new StripeApiError(
          400,
          'invalid_request_error',
          'The payment method you provided is not attached to a customer so detachment is impossible.',
          {
            code: 'payment_method_unexpected_state',
          },
        );
      const previous = { customer: method.customer };
      method.customer = null;
      context.emit('payment_method.detached', method, previous);
      return method;
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/payment_methods$/,
    handle: ({ params }) => listPaymentMethods(context, params.requiredString('customer'), params, '/v1/payment_methods'),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/customers\/([^/]+)\/payment_methods$/,
    handle: (request) => {
      const customer = pathParam(request);
      return listPaymentMethods(context, customer, request.params, `/v1/customers/${customer}/payment_methods`);
    },
  },
];

const listPaymentMethods = (context: EmulatorContext, customer: string, params: import('../wire/params').Params, url: string) => {
  getCustomer(context, customer);
  const all = Object.values(context.state.data.paymentMethods).filter((method) => method.customer === customer);
  return listPage(all, params, url);
};
