import type Stripe from 'stripe';
import { pathParam, type EmulatorContext, type Fees, type Route } from '../context';
import { nowSeconds, stripeId } from '../wire/ids';
import { listPage } from '../wire/list';
import { missingResource } from '../wire/stripe-error';

/** Stripe's fee on a charge: `amount × bp / 10 000` rounded half up, plus the fixed part; integers only. */
export const feeOn = (amount: number, fees: Fees): number => {
  const scaled = amount * fees.percentBasisPoints + 5_000;
  return (scaled - (scaled % 10_000)) / 10_000 + fees.fixed;
};

const SEVEN_DAYS = 7 * 24 * 3600;

export const recordBalanceTransaction = (
  context: EmulatorContext,
  entry: {
    amount: number;
    currency: string;
    fee: number;
    source: string;
    type: Stripe.BalanceTransaction.Type;
    description?: string;
  },
): Stripe.BalanceTransaction => {
  const created = nowSeconds();
  const transaction: Stripe.BalanceTransaction = {
    id: stripeId('txn'),
    object: 'balance_transaction',
    amount: entry.amount,
    available_on: created + SEVEN_DAYS,
    balance_type: 'payments',
    created,
    currency: entry.currency,
    description: entry.description ?? null,
    exchange_rate: null,
    fee: entry.fee,
    fee_details:
      entry.fee === 0
        ? []
        : [
            {
              amount: entry.fee,
              application: null,
              currency: entry.currency,
              description: 'Stripe processing fees',
              type: 'stripe_fee',
            },
          ],
    net: entry.amount - entry.fee,
    reporting_category: entry.type === 'transfer_refund' ? 'transfer_reversal' : entry.type,
    source: entry.source,
    status: 'pending',
    type: entry.type,
  };
  context.state.data.balanceTransactions[transaction.id] = transaction;
  return transaction;
};

/** The platform's balance in one currency: the sum of the nets it recorded. */
export const platformBalance = (context: EmulatorContext, currency: string): number =>
  Object.values(context.state.data.balanceTransactions)
    .filter((transaction) => transaction.currency === currency)
    .reduce((sum, transaction) => sum + transaction.net, 0);

export const balanceRoutes = (context: EmulatorContext): Route[] => [
  {
    method: 'GET',
    pattern: /^\/v1\/balance_transactions\/([^/]+)$/,
    handle: (request) => {
      const id = pathParam(request);
      const transaction = context.state.data.balanceTransactions[id];
      if (transaction === undefined) throw missingResource(id, 'id');
      return transaction;
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/balance_transactions$/,
    handle: ({ params }) => {
      const source = params.string('source');
      const type = params.string('type');
      const all = Object.values(context.state.data.balanceTransactions).filter(
        (transaction) =>
          (source === undefined || transaction.source === source) && (type === undefined || transaction.type === type),
      );
      return listPage(all, params, '/v1/balance_transactions');
    },
  },
];
