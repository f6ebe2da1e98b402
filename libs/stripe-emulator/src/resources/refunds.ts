import type Stripe from 'stripe';
import { pathParam, type EmulatorContext, type Route } from '../context';
import { nowSeconds, stripeId } from '../wire/ids';
import { listPage } from '../wire/list';
import { invalidRequest, missingParam, missingResource } from '../wire/stripe-error';
import { recordBalanceTransaction } from './balance';
import { getCharge } from './charges';
import { getPaymentIntent } from './payment-intents';

/** Refunds a charge in whole or in part; Stripe keeps its fee, so the refund's balance transaction has none. */
const create = (context: EmulatorContext, params: import('../wire/params').Params): Stripe.Refund => {
  const intentId = params.string('payment_intent');
  const chargeId = params.string('charge') ?? (intentId === undefined ? undefined : latestCharge(context, intentId));
  if (chargeId === undefined) throw missingParam('charge');
  const charge = getCharge(context, chargeId);
  const left = charge.amount_captured - charge.amount_refunded;
  if (left === 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
  const amount = params.integer('amount') ?? left;
  if (amount < 1 || amount > left)
    throw invalidRequest(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
      'amount',
      'amount_too_large',
    );
  const id = stripeId('re');
  const transaction = recordBalanceTransaction(context, {
    amount: -amount,
    currency: charge.currency,
    fee: 0,
    source: id,
    type: 'refund',
  });
  const refund: Stripe.Refund = {
    id,
    object: 'refund',
    amount,
    balance_transaction: transaction.id,
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    metadata: params.metadata(),
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: (params.string('reason') as Stripe.Refund.Reason | undefined) ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
  context.state.data.refunds[id] = refund;
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount_captured;
  context.emit('refund.created', refund);
  context.emit('charge.refunded', charge, previous);
  return refund;
};

const latestCharge = (context: EmulatorContext, intentId: string): string => {
  const intent = getPaymentIntent(context, intentId, 'payment_intent');
  if (typeof intent.latest_charge !== 'string' || intent.status !== 'succeeded')
    throw invalidRequest(`This PaymentIntent (${intentId}) does not have a successful charge to refund.`, 'payment_intent');
  return intent.latest_charge;
};

export const refundRoutes = (context: EmulatorContext): Route[] => [
  { method: 'POST', pattern: /^\/v1\/refunds$/, handle: ({ params }) => create(context, params) },
  {
    method: 'GET',
    pattern: /^\/v1\/refunds\/([^/]+)$/,
    handle: (request) => {
      const refund = context.state.data.refunds[pathParam(request)];
      if (refund === undefined) throw missingResource(pathParam(request), 'id');
      return refund;
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/refunds$/,
    handle: ({ params }) => {
      const charge = params.string('charge');
      const intent = params.string('payment_intent');
      const all = Object.values(context.state.data.refunds).filter(
        (refund) =>
          (charge === undefined || refund.charge === charge) && (intent === undefined || refund.payment_intent === intent),
      );
      return listPage(all, params, '/v1/refunds');
    },
  },
];
