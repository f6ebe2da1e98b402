import type Stripe from 'stripe';
import { emulatorForThisFile } from './emulator.fixture';

describe('card payments through the official SDK', () => {
  const bed = emulatorForThisFile();

  const pay = (paymentMethod: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) =>
    bed.stripe.paymentIntents.create({
      amount: 2_000,
      currency: 'eur',
      payment_method: paymentMethod,
      confirm: true,
      metadata: { pledge_id: 'p-1' },
      ...extra,
    });

  it('charges pm_card_visa: succeeded, with a charge whose balance transaction bears 1.5 % + €0.25', async () => {
    const intent = await pay('pm_card_visa', { expand: ['latest_charge.balance_transaction'] });
    expect(intent).toMatchObject({ status: 'succeeded', amount_received: 2_000, metadata: { pledge_id: 'p-1' } });
    const charge = intent.latest_charge as Stripe.Charge;
    expect(charge.id).toMatch(/^ch_/);
    const transaction = charge.balance_transaction as Stripe.BalanceTransaction;
    expect(transaction).toMatchObject({ amount: 2_000, fee: 55, net: 1_945, type: 'charge', source: charge.id });
    expect(transaction.fee_details).toEqual([expect.objectContaining({ amount: 55, type: 'stripe_fee' })]);
  });

  it('rounds the percentage half up, in integers', async () => {
    const intent = await pay('pm_card_visa', { amount: 1_033, expand: ['latest_charge.balance_transaction'] });
    const transaction = (intent.latest_charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction;
    expect(transaction.fee).toBe(15 + 25); // 1 033 × 1.5 % = 15.495 → 15
  });

  it.each([
    ['pm_card_chargeDeclined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
  ])('declines %s with a 402 card_error (%s) and leaves the intent requiring a payment method', async (card, declineCode) => {
    const error = (await pay(card).catch((e: unknown) => e)) as Stripe.errors.StripeCardError;
    expect(error).toMatchObject({ type: 'StripeCardError', statusCode: 402, code: 'card_declined', decline_code: declineCode });
    const intentId = (error.raw as { payment_intent?: { id: string } }).payment_intent?.id ?? '';
    const intent = await bed.stripe.paymentIntents.retrieve(intentId);
    expect(intent.status).toBe('requires_payment_method');
    expect(intent.last_payment_error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: declineCode });
  });

  it('asks for 3-D Secure on pm_card_authenticationRequired, then charges once the challenge is completed', async () => {
    const intent = await pay('pm_card_authenticationRequired');
    expect(intent.status).toBe('requires_action');
    expect(intent.next_action?.redirect_to_url?.url).toBe(`${bed.emulator.url}/emulator/3ds/${intent.id}`);
    await bed.emulator.control.completeAuthentication(intent.id, 'succeed');
    expect((await bed.stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
  });

  it('returns to requires_payment_method when the challenge fails', async () => {
    const intent = await pay('pm_card_authenticationRequired');
    await bed.emulator.control.completeAuthentication(intent.id, 'fail');
    const after = await bed.stripe.paymentIntents.retrieve(intent.id);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error?.code).toBe('payment_intent_authentication_failure');
  });

  it('goes requires_payment_method → requires_confirmation → succeeded when confirmed in two steps', async () => {
    const created = await bed.stripe.paymentIntents.create({ amount: 500, currency: 'eur' });
    expect(created.status).toBe('requires_payment_method');
    const updated = await bed.stripe.paymentIntents.update(created.id, { payment_method: 'pm_card_visa' });
    expect(updated.status).toBe('requires_confirmation');
    expect((await bed.stripe.paymentIntents.confirm(created.id)).status).toBe('succeeded');
  });

  it('cancels an unconfirmed intent, and refuses to cancel a succeeded one', async () => {
    const created = await bed.stripe.paymentIntents.create({ amount: 500, currency: 'eur' });
    const canceled = await bed.stripe.paymentIntents.cancel(created.id, { cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    const paid = await pay('pm_card_visa');
    await expect(bed.stripe.paymentIntents.cancel(paid.id)).rejects.toMatchObject({
      statusCode: 400,
      type: 'StripeInvalidRequestError',
      code: 'payment_intent_unexpected_state',
    });
  });

  it('refunds in part then in whole, each refund with its own balance transaction', async () => {
    const intent = await pay('pm_card_visa');
    const first = await bed.stripe.refunds.create({ payment_intent: intent.id, amount: 500 });
    const rest = await bed.stripe.refunds.create({ payment_intent: intent.id, expand: ['balance_transaction'] });
    expect(first.amount).toBe(500);
    expect(rest.amount).toBe(1_500);
    expect(rest.balance_transaction).toMatchObject({ amount: -1_500, fee: 0, net: -1_500, type: 'refund', source: rest.id });
    const charge = await bed.stripe.charges.retrieve(intent.latest_charge as string);
    expect(charge).toMatchObject({ amount_refunded: 2_000, refunded: true });
    await expect(bed.stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({
      code: 'charge_already_refunded',
    });
  });

  it('lists balance transactions by source and by type', async () => {
    const intent = await pay('pm_card_visa');
    const bySource = await bed.stripe.balanceTransactions.list({ source: intent.latest_charge as string });
    expect(bySource.data).toHaveLength(1);
    const refunds = await bed.stripe.balanceTransactions.list({ type: 'refund', limit: 100 });
    expect(refunds.data.every((transaction) => transaction.type === 'refund')).toBe(true);
  });
});
