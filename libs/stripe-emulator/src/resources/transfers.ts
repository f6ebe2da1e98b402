import type Stripe from 'stripe';
import { pathParam, type EmulatorContext, type Route } from '../context';
import { nowSeconds, stripeId } from '../wire/ids';
import { listPage } from '../wire/list';
import type { Params } from '../wire/params';
import { StripeApiError, invalidRequest, missingResource } from '../wire/stripe-error';
import { getAccount } from './accounts';
import { platformBalance, recordBalanceTransaction } from './balance';
import { getCharge } from './charges';

const getTransfer = (context: EmulatorContext, id: string): Stripe.Transfer => {
  const transfer = context.state.data.transfers[id];
  if (transfer === undefined) throw missingResource(id, 'id');
  return transfer;
};

const transferredFrom = (context: EmulatorContext, chargeId: string): number =>
  Object.values(context.state.data.transfers)
    .filter((transfer) => transfer.source_transaction === chargeId)
    .reduce((sum, transfer) => sum + transfer.amount - transfer.amount_reversed, 0);

/** Separate charges and transfers: refused to an account whose `transfers` capability is not active. */
const create = (context: EmulatorContext, params: Params): Stripe.Transfer => {
  const amount = params.requiredAmount('amount');
  const currency = params.requiredString('currency').toLowerCase();
  const account = getAccount(context, params.requiredString('destination'), 'destination');
  if (account.capabilities?.transfers !== 'active')
    throw new StripeApiError(
      400,
      'invalid_request_error',
      'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
      { code: 'insufficient_capabilities_for_transfer', param: 'destination' },
    );
  const sourceTransaction = params.string('source_transaction') ?? null;
  if (sourceTransaction !== null) {
    const charge = getCharge(context, sourceTransaction, 'source_transaction');
    if (amount > charge.amount_captured - charge.amount_refunded - transferredFrom(context, charge.id))
      throw invalidRequest('The transfer amount exceeds what is left of the source transaction.', 'amount', 'amount_too_large');
  } else if (amount > platformBalance(context, currency))
    throw invalidRequest(
      'You have insufficient funds in your Stripe account. One likely reason you have insufficient funds is that your funds are automatically being paid out.',
      undefined,
      'balance_insufficient',
    );
  const id = stripeId('tr');
  const transfer: Stripe.Transfer = {
    id,
    object: 'transfer',
    amount,
    amount_reversed: 0,
    balance_transaction: recordBalanceTransaction(context, { amount: -amount, currency, fee: 0, source: id, type: 'transfer' })
      .id,
    created: nowSeconds(),
    currency,
    description: params.string('description') ?? null,
    destination: account.id,
    destination_payment: stripeId('py'),
    livemode: false,
    metadata: params.metadata(),
    reversals: { object: 'list', data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
    reversed: false,
    source_transaction: sourceTransaction,
    source_type: 'card',
    transfer_group: params.string('transfer_group') ?? null,
  };
  context.state.data.transfers[id] = transfer;
  context.emit('transfer.created', transfer);
  return transfer;
};

const reverse = (context: EmulatorContext, transfer: Stripe.Transfer, params: Params): Stripe.TransferReversal => {
  const left = transfer.amount - transfer.amount_reversed;
  const amount = params.integer('amount') ?? left;
  if (amount < 1 || amount > left)
    throw invalidRequest(
      `The amount to reverse (${amount}) is greater than what is left of the transfer (${left}).`,
      'amount',
      'amount_too_large',
    );
  const id = stripeId('trr');
  const reversal: Stripe.TransferReversal = {
    id,
    object: 'transfer_reversal',
    amount,
    balance_transaction: recordBalanceTransaction(context, {
      amount,
      currency: transfer.currency,
      fee: 0,
      source: id,
      type: 'transfer_refund',
    }).id,
    created: nowSeconds(),
    currency: transfer.currency,
    destination_payment_refund: null,
    metadata: params.metadata(),
    source_refund: null,
    transfer: transfer.id,
  };
  context.state.data.transferReversals[id] = reversal;
  const previous = { amount_reversed: transfer.amount_reversed, reversed: transfer.reversed };
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed === transfer.amount;
  transfer.reversals = { ...transfer.reversals, data: [reversal, ...transfer.reversals.data] };
  context.emit('transfer.reversed', transfer, previous);
  return reversal;
};

export const transferRoutes = (context: EmulatorContext): Route[] => [
  { method: 'POST', pattern: /^\/v1\/transfers$/, handle: ({ params }) => create(context, params) },
  { method: 'GET', pattern: /^\/v1\/transfers\/([^/]+)$/, handle: (request) => getTransfer(context, pathParam(request)) },
  {
    method: 'GET',
    pattern: /^\/v1\/transfers$/,
    handle: ({ params }) => {
      const group = params.string('transfer_group');
      const destination = params.string('destination');
      const all = Object.values(context.state.data.transfers).filter(
        (transfer) =>
          (group === undefined || transfer.transfer_group === group) &&
          (destination === undefined || transfer.destination === destination),
      );
      return listPage(all, params, '/v1/transfers');
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/transfers\/([^/]+)\/reversals$/,
    handle: (request) => reverse(context, getTransfer(context, pathParam(request)), request.params),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/transfers\/([^/]+)\/reversals$/,
    handle: (request) => {
      const transfer = getTransfer(context, pathParam(request));
      const all = Object.values(context.state.data.transferReversals).filter((reversal) => reversal.transfer === transfer.id);
      return listPage(all, request.params, `/v1/transfers/${transfer.id}/reversals`);
    },
  },
];
