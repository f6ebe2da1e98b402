import type Stripe from 'stripe';
import { pathParam, type EmulatorContext, type Route } from '../context';
import { nowSeconds, stripeId } from '../wire/ids';
import { listPage } from '../wire/list';
import { missingResource } from '../wire/stripe-error';
import { feeOn, recordBalanceTransaction } from './balance';

export const getCharge = (context: EmulatorContext, id: string, param = 'charge'): Stripe.Charge => {
  const charge = context.state.data.charges[id];
  if (charge === undefined) throw missingResource(id, param);
  return charge;
};

const cardDetails = (card: Stripe.PaymentMethod.Card, authorized: number | null): Stripe.Charge.PaymentMethodDetails.Card => ({
  amount_authorized: authorized,
  authorization_code: authorized === null ? null : '123456',
  brand: card.brand,
  checks: card.checks,
  country: card.country,
  electronic_commerce_indicator: null,
  exp_month: card.exp_month,
  exp_year: card.exp_year,
  fingerprint: card.fingerprint,
  funding: card.funding,
  installments: null,
  last4: card.last4,
  mandate: null,
  network: card.brand,
  network_transaction_id: null,
  regulated_status: card.regulated_status,
  three_d_secure: null,
  transaction_link_id: null,
  wallet: null,
});

/** A card charge for a PaymentIntent: succeeded with its balance transaction (the fee), or failed with the decline. */
export const chargeFor = (
  context: EmulatorContext,
  intent: Stripe.PaymentIntent,
  method: Stripe.PaymentMethod,
  decline: { code: string; declineCode: string; message: string } | undefined,
): Stripe.Charge => {
  const id = stripeId('ch');
  const succeeded = decline === undefined;
  const card = method.card;
  const charge: Stripe.Charge = {
    id,
    object: 'charge',
    amount: intent.amount,
    amount_captured: succeeded ? intent.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: method.billing_details,
    calculated_statement_descriptor: 'ELAN',
    captured: succeeded,
    created: nowSeconds(),
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: succeeded ? 'approved_by_network' : 'declined_by_network',
      reason: decline?.declineCode ?? null,
      risk_level: 'normal',
      seller_message: succeeded ? 'Payment complete.' : 'The bank did not return any further details with this decline.',
      type: succeeded ? 'authorized' : 'issuer_declined',
    },
    paid: succeeded,
    payment_intent: intent.id,
    payment_method: method.id,
    payment_method_details:
      card === undefined ? null : { type: 'card', card: cardDetails(card, succeeded ? intent.amount : null) },
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: succeeded ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: intent.transfer_group,
  };
  if (succeeded) {
    const fee = feeOn(intent.amount, context.fees);
    charge.balance_transaction = recordBalanceTransaction(context, {
      amount: intent.amount,
      currency: intent.currency,
      fee,
      source: id,
      type: 'charge',
    }).id;
  }
  context.state.data.charges[id] = charge;
  context.emit(succeeded ? 'charge.succeeded' : 'charge.failed', charge);
  return charge;
};

export const chargeRoutes = (context: EmulatorContext): Route[] => [
  { method: 'GET', pattern: /^\/v1\/charges\/([^/]+)$/, handle: (request) => getCharge(context, pathParam(request), 'id') },
  {
    method: 'GET',
    pattern: /^\/v1\/charges$/,
    handle: ({ params }) => {
      const intent = params.string('payment_intent');
      const transferGroup = params.string('transfer_group');
      const all = Object.values(context.state.data.charges).filter(
        (charge) =>
          (intent === undefined || charge.payment_intent === intent) &&
          (transferGroup === undefined || charge.transfer_group === transferGroup),
      );
      return listPage(all, params, '/v1/charges');
    },
  },
];
