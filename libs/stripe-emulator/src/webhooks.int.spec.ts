import type Stripe from 'stripe';
import { waitUntil } from '@elan/testing';
import { startStripeEmulator, stripeClientFor, type RunningStripeEmulator } from './index';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.fixture';

describe('events and signed webhooks', () => {
  let emulator: RunningStripeEmulator;
  let receiver: WebhookReceiver;
  let stripe: Stripe;

  beforeEach(async () => {
    emulator = await startStripeEmulator({ webhookRetry: { initialMs: 20, maxMs: 200 } });
    receiver = await startWebhookReceiver(emulator.webhookSecret);
    await emulator.control.addWebhookEndpoint(receiver.url);
    stripe = stripeClientFor(emulator, { maxNetworkRetries: 0 });
  });
  afterEach(async () => {
    await emulator.stop();
    await receiver.close();
  });

  const pay = (card = 'pm_card_visa') =>
    stripe.paymentIntents.create({
      amount: 1_500,
      currency: 'eur',
      payment_method: card,
      confirm: true,
      metadata: { pledge_id: 'p-7' },
    });

  const received = (type: string) => receiver.events.filter((event) => event.type === type);

  it('delivers each state change with a Stripe-Signature that constructEvent accepts', async () => {
    const intent = await pay();
    await waitUntil(() => received('payment_intent.succeeded').length === 1, {
      timeoutMs: 5_000,
      description: 'the success is delivered',
    });
    const [event] = received('payment_intent.succeeded');
    expect(event?.data.object).toMatchObject({ id: intent.id, status: 'succeeded', metadata: { pledge_id: 'p-7' } });
    expect(await stripe.events.retrieve(event?.id ?? '')).toMatchObject({ type: 'payment_intent.succeeded' });
    expect(receiver.rejected).toEqual([]);
  });

  it('records and delivers failures, 3-D Secure and cancellations, refunds', async () => {
    await pay('pm_card_chargeDeclined').catch(() => undefined);
    const pending = await pay('pm_card_authenticationRequired');
    await stripe.paymentIntents.cancel(pending.id);
    const paid = await pay();
    await stripe.refunds.create({ payment_intent: paid.id, amount: 100 });
    const expected = [
      'payment_intent.payment_failed',
      'payment_intent.requires_action',
      'payment_intent.canceled',
      'refund.created',
      'charge.refunded',
    ];
    await waitUntil(() => expected.every((type) => received(type).length === 1), {
      timeoutMs: 5_000,
      description: 'every event is delivered',
    });
  });

  it('retries with back-off until the endpoint answers 2xx', async () => {
    receiver.failNext(3);
    const customer = await stripe.customers.create({ email: 'retry@example.org' });
    await waitUntil(() => received('customer.created').length === 1, {
      timeoutMs: 5_000,
      description: 'delivered after retries',
    });
    const attempts = (await emulator.control.deliveries()).filter((attempt) => attempt.type === 'customer.created');
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500, 200]);
    const gaps = attempts.slice(1).map((attempt, i) => Date.parse(attempt.at) - Date.parse(attempts[i]?.at ?? ''));
    expect(gaps[0]).toBeGreaterThanOrEqual(15); // 20 ms, then 40, then 80: doubled each time
    expect(gaps[2]).toBeGreaterThanOrEqual(75);
    expect((received('customer.created')[0]?.data.object as Stripe.Customer).id).toBe(customer.id);
  });

  it('records a network error when nothing answers, and tries again', async () => {
    const late = await startWebhookReceiver(emulator.webhookSecret);
    const url = late.url;
    await late.close(); // its port now refuses connections
    await emulator.control.addWebhookEndpoint(url);
    await stripe.customers.create({});
    await waitUntil(async () => (await emulator.control.deliveries()).filter((attempt) => attempt.endpoint === url).length >= 2, {
      timeoutMs: 5_000,
      description: 'two failed attempts to the closed port',
    });
    const attempts = (await emulator.control.deliveries()).filter((attempt) => attempt.endpoint === url);
    expect(attempts.slice(0, 2)).toMatchObject([
      { type: 'customer.created', attempt: 1, status: 'network-error' },
      { type: 'customer.created', attempt: 2, status: 'network-error' },
    ]);
  });

  it('keeps the connection to an endpoint alive between deliveries', async () => {
    for (let i = 1; i <= 3; i += 1) {
      await stripe.customers.create({});
      await waitUntil(() => received('customer.created').length === i, { timeoutMs: 5_000, description: `delivery ${i}` });
    }
    expect(receiver.connections()).toBe(1);
  });

  it('a signature made with another secret is refused by constructEvent', async () => {
    const other = await startWebhookReceiver('whsec_not_the_emulators');
    await emulator.control.addWebhookEndpoint(other.url);
    await stripe.customers.create({});
    await waitUntil(() => other.rejected.length > 0, { timeoutMs: 5_000, description: 'the forged-secret receiver refuses' });
    expect(other.rejected[0]).toMatch(/signature/i);
    await other.close();
  });

  it('delivers the next event twice when asked', async () => {
    await emulator.control.duplicateNextWebhooks(1);
    await stripe.customers.create({});
    await waitUntil(() => received('customer.created').length === 2, { timeoutMs: 5_000, description: 'two copies arrive' });
    expect(received('customer.created')[0]?.id).toBe(received('customer.created')[1]?.id);
  });

  it('holds deliveries and releases them in reverse order', async () => {
    await emulator.control.holdWebhooks();
    const intent = await pay('pm_card_authenticationRequired');
    await emulator.control.completeAuthentication(intent.id);
    expect(receiver.events).toEqual([]);
    expect(await emulator.control.releaseWebhooks('reverse')).toBeGreaterThanOrEqual(3);
    await waitUntil(() => received('payment_intent.requires_action').length === 1, {
      timeoutMs: 5_000,
      description: 'the held events arrive',
    });
    const order = receiver.events.map((event) => event.type);
    expect(order.indexOf('payment_intent.succeeded')).toBeLessThan(order.indexOf('payment_intent.requires_action'));
  });

  it('delivers late when asked, and redelivers a past event', async () => {
    await emulator.control.delayNextWebhooks(1, 300);
    const customer = await stripe.customers.create({});
    const sentAt = Date.now();
    await waitUntil(() => received('customer.created').length === 1, { timeoutMs: 5_000, description: 'the late event arrives' });
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(250);
    const [event] = (await stripe.events.list({ type: 'customer.created' })).data;
    expect((event?.data.object as Stripe.Customer).id).toBe(customer.id);
    await emulator.control.redeliverEvent(event?.id ?? '');
    await waitUntil(() => received('customer.created').length === 2, { timeoutMs: 5_000, description: 'the redelivery arrives' });
  });
});
