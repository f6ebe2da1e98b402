import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Stripe from 'stripe';
import { waitUntil } from '@elan/testing';
import { startStripeEmulator, stripeClientFor, type RunningStripeEmulator } from './index';
import { emptyData } from './state';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.fixture';

const SECRET = 'whsec_endpoints_spec';
const typesOf = (receiver: WebhookReceiver): string[] => receiver.events.map((event) => event.type).sort();
const pay = (stripe: Stripe) =>
  stripe.paymentIntents.create({ amount: 1_000, currency: 'eur', payment_method: 'pm_card_visa', confirm: true });
/** The events of a payment by card, sorted. */
const PAYMENT_EVENTS = ['charge.succeeded', 'payment_intent.created', 'payment_intent.succeeded'];

describe("webhook endpoints' enabled events", () => {
  const receivers: WebhookReceiver[] = [];
  let emulator: RunningStripeEmulator | undefined;
  const receiver = async (): Promise<WebhookReceiver> => {
    const started = await startWebhookReceiver(SECRET);
    receivers.push(started);
    return started;
  };
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
    for (const started of receivers.splice(0)) await started.close();
  });

  /** Every delivery of the emulator so far has settled (2xx): none is still on its way. */
  const settled = async (running: RunningStripeEmulator, count: number): Promise<void> => {
    await waitUntil(async () => (await running.control.deliveries()).length === count, {
      timeoutMs: 5_000,
      description: `${count} deliveries`,
    });
  };

  it('an endpoint given with enabledEvents gets only those types; a URL alone or * gets all', async () => {
    const [only, all, star] = [await receiver(), await receiver(), await receiver()];
    emulator = await startStripeEmulator({
      webhookSecret: SECRET,
      webhookEndpoints: [
        { url: only.url, enabledEvents: ['payment_intent.succeeded', 'refund.created'] },
        all.url,
        { url: star.url, enabledEvents: ['*'] },
      ],
    });
    const stripe = stripeClientFor(emulator, { maxNetworkRetries: 0 });
    const intent = await pay(stripe);
    await settled(emulator, 1 + 3 + 3);
    expect(typesOf(only)).toEqual(['payment_intent.succeeded']);
    expect(typesOf(all)).toEqual(PAYMENT_EVENTS);
    expect(typesOf(star)).toEqual(PAYMENT_EVENTS);
    const events = (await stripe.events.list({ limit: 100 })).data;
    expect(Object.fromEntries(events.map((event) => [event.type, event.pending_webhooks]))).toEqual({
      'payment_intent.created': 2,
      'charge.succeeded': 2,
      'payment_intent.succeeded': 3,
    });
    await emulator.control.redeliverEvent(events.find((event) => event.type === 'charge.succeeded')?.id ?? '');
    await stripe.refunds.create({ payment_intent: intent.id });
    await settled(emulator, 7 + 2 + 5); // the redelivery to two endpoints; refund.created to three, charge.refunded to two
    expect(typesOf(only)).toEqual(['payment_intent.succeeded', 'refund.created']);
    expect(receivers.flatMap((started) => started.rejected)).toEqual([]);
  });

  it('the control API adds an endpoint for some events, and sets the events of a URL given again', async () => {
    const hooks = await receiver();
    emulator = await startStripeEmulator({ webhookSecret: SECRET });
    const stripe = stripeClientFor(emulator, { maxNetworkRetries: 0 });
    await emulator.control.addWebhookEndpoint(hooks.url, ['customer.created']);
    await stripe.customers.create({});
    await pay(stripe);
    await settled(emulator, 1);
    expect(typesOf(hooks)).toEqual(['customer.created']);
    await emulator.control.addWebhookEndpoint(hooks.url); // every event from now on
    await pay(stripe);
    await settled(emulator, 4);
    expect(typesOf(hooks)).toEqual([...PAYMENT_EVENTS, 'customer.created'].sort());
    expect(Object.values((await emulator.control.state()).webhookEndpoints)).toHaveLength(1);
    await expect(emulator.control.addWebhookEndpoint(hooks.url, ['succeeded'])).rejects.toThrow(/400/);
  });

  it('POST /v1/webhook_endpoints creates an endpoint the SDK can read, change and delete, in Stripe’s shape', async () => {
    const hooks = await receiver();
    emulator = await startStripeEmulator({ webhookSecret: SECRET });
    const stripe = stripeClientFor(emulator, { maxNetworkRetries: 0 });
    const created = await stripe.webhookEndpoints.create({
      url: hooks.url,
      enabled_events: ['payment_intent.succeeded'],
      description: 'pledges',
      metadata: { service: 'gateway' },
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^we_/),
      object: 'webhook_endpoint',
      url: hooks.url,
      enabled_events: ['payment_intent.succeeded'],
      status: 'enabled',
      livemode: false,
      description: 'pledges',
      metadata: { service: 'gateway' },
      secret: SECRET,
    });
    const read = await stripe.webhookEndpoints.retrieve(created.id);
    expect(read).not.toHaveProperty('secret');
    expect(read).toMatchObject({ id: created.id, enabled_events: ['payment_intent.succeeded'] });
    expect((await stripe.webhookEndpoints.list()).data.map((endpoint) => endpoint.id)).toEqual([created.id]);

    await pay(stripe);
    await settled(emulator, 1);
    expect(typesOf(hooks)).toEqual(['payment_intent.succeeded']);

    await stripe.webhookEndpoints.update(created.id, { enabled_events: ['customer.created'] });
    await stripe.customers.create({});
    await settled(emulator, 2);
    await stripe.webhookEndpoints.update(created.id, { disabled: true });
    expect((await stripe.webhookEndpoints.retrieve(created.id)).status).toBe('disabled');
    const quiet = await stripe.customers.create({});
    const [event] = (await stripe.events.list({ type: 'customer.created', limit: 1 })).data;
    expect(event).toMatchObject({ data: { object: { id: quiet.id } }, pending_webhooks: 0 });

    expect(await stripe.webhookEndpoints.del(created.id)).toEqual(
      expect.objectContaining({ id: created.id, object: 'webhook_endpoint', deleted: true }),
    );
    await expect(stripe.webhookEndpoints.retrieve(created.id)).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
    expect(typesOf(hooks)).toEqual(['customer.created', 'payment_intent.succeeded']);
  });

  it('refuses what Stripe refuses: an unknown event type, no enabled_events, no url', async () => {
    emulator = await startStripeEmulator({ webhookSecret: SECRET });
    const stripe = stripeClientFor(emulator, { maxNetworkRetries: 0 });
    await expect(
      stripe.webhookEndpoints.create({
        url: 'http://127.0.0.1:1/hooks',
        enabled_events: ['charge.succeeded', 'not an event' as Stripe.WebhookEndpointCreateParams.EnabledEvent],
      }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400, param: 'enabled_events[1]' });
    await expect(
      stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:1/hooks' } as Stripe.WebhookEndpointCreateParams),
    ).rejects.toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'enabled_events' });
    await expect(
      stripe.webhookEndpoints.create({ enabled_events: ['*'] } as Stripe.WebhookEndpointCreateParams),
    ).rejects.toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'url' });
    await expect(startStripeEmulator({ webhookEndpoints: [{ url: 'http://a.test/h', enabledEvents: ['x'] }] })).rejects.toThrow(
      /neither '\*' nor an event type/,
    );
    expect((await stripe.webhookEndpoints.list()).data).toEqual([]);
  });

  it('reads a state file whose endpoints are a list of URLs: each gets every event', async () => {
    const hooks = await receiver();
    const dir = mkdtempSync(join(tmpdir(), 'stripe-emulator-endpoints-'));
    try {
      const stateFile = join(dir, 'state.json');
      writeFileSync(stateFile, JSON.stringify({ ...emptyData(), webhookEndpoints: [hooks.url] }));
      emulator = await startStripeEmulator({ stateFile, webhookSecret: SECRET });
      const stripe = stripeClientFor(emulator, { maxNetworkRetries: 0 });
      await pay(stripe);
      await settled(emulator, 3);
      expect(typesOf(hooks)).toEqual(PAYMENT_EVENTS);
      expect((await stripe.webhookEndpoints.list()).data).toMatchObject([{ url: hooks.url, enabled_events: ['*'] }]);
    } finally {
      await emulator?.stop();
      emulator = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
