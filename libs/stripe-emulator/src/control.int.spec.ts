import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Stripe from 'stripe';
import { startStripeEmulator, stripeClientFor, type RunningStripeEmulator } from './index';

describe('the control API, as the SDK sees it', () => {
  let emulator: RunningStripeEmulator;
  let stripe: Stripe;

  beforeAll(async () => {
    emulator = await startStripeEmulator();
    stripe = stripeClientFor(emulator, { maxNetworkRetries: 0, timeout: 500 });
  });
  afterEach(() => emulator.control.clearFaults());
  afterAll(() => emulator.stop());

  it('fails the next call with a 500 api_error, then answers again', async () => {
    await emulator.control.failNext({ path: '/v1/customers', kind: 'http-500' });
    await expect(stripe.customers.create({})).rejects.toMatchObject({ type: 'StripeAPIError', statusCode: 500 });
    await expect(stripe.customers.create({})).resolves.toMatchObject({ object: 'customer' });
  });

  it('resets the connection, and times out, for the next N calls', async () => {
    // The SDK retries a closed connection once even with maxNetworkRetries 0: two resets fail one call.
    await emulator.control.failNext({ path: '/v1/customers', kind: 'connection-reset', times: 2 });
    await expect(stripe.customers.list()).rejects.toMatchObject({
      type: 'StripeConnectionError',
      message: expect.stringContaining('retried 1 times'),
    });
    await emulator.control.failNext({ path: '/v1/customers', kind: 'connection-reset' });
    await expect(stripe.customers.list()).resolves.toMatchObject({ object: 'list' });
    await emulator.control.failNext({ path: '/v1/customers', kind: 'timeout' });
    await expect(stripe.customers.list()).rejects.toMatchObject({ type: 'StripeConnectionError' });
    await expect(stripe.customers.list()).resolves.toMatchObject({ object: 'list' });
  });

  it('answers late when asked', async () => {
    await emulator.control.failNext({ path: '/v1/customers', kind: 'delay', delayMs: 200 });
    const started = Date.now();
    await stripe.customers.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('lets the SDK retry a lost response under the same idempotency key: one charge, not two', async () => {
    const retrying = stripeClientFor(emulator, { maxNetworkRetries: 2 });
    await emulator.control.failNext({
      path: '/v1/payment_intents',
      method: 'POST',
      kind: 'connection-reset',
      afterProcessing: true,
    });
    const intent = await retrying.paymentIntents.create(
      { amount: 900, currency: 'eur', payment_method: 'pm_card_visa', confirm: true },
      { idempotencyKey: 'pledge:lost:collect' },
    );
    expect(intent.status).toBe('succeeded');
    const charges = Object.values((await emulator.control.state()).charges).filter(
      (charge) => charge.payment_intent === intent.id,
    );
    expect(charges).toHaveLength(1);
  });

  it('alters a stored amount behind the API, as a reconciliation test needs', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 1_000,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    await emulator.control.alterAmounts(intent.latest_charge as string, { amount: 999 });
    expect((await stripe.charges.retrieve(intent.latest_charge as string)).amount).toBe(999);
  });

  it('lists everything it holds, and resets', async () => {
    const customer = await stripe.customers.create({});
    expect((await emulator.control.state()).customers).toHaveProperty(customer.id);
    await emulator.control.reset();
    await expect(stripe.customers.retrieve(customer.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('a state file', () => {
  it('keeps test payments across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stripe-emulator-'));
    const stateFile = join(dir, 'state.json');
    try {
      const first = await startStripeEmulator({ stateFile });
      const intent = await stripeClientFor(first).paymentIntents.create({
        amount: 1_200,
        currency: 'eur',
        payment_method: 'pm_card_visa',
        confirm: true,
      });
      await first.stop();
      const second = await startStripeEmulator({ stateFile });
      await expect(stripeClientFor(second).paymentIntents.retrieve(intent.id)).resolves.toMatchObject({
        status: 'succeeded',
        amount: 1_200,
      });
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
