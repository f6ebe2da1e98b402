import type { INestApplication } from '@nestjs/common';
import { AckPolicy, connect, DeliverPolicy, nanos, type NatsConnection } from 'nats';
import request from 'supertest';
import { stripeEventReceived, type StripeEventReceivedPayload } from '@elan/contracts';
import { ELAN_STREAM } from '@elan/messaging';
import { freePort, waitUntil } from '@elan/testing';
import { queryTestDatabase, startTestGateway, testSchema, TEST_STRIPE_WEBHOOK_SECRET } from '../test/test-gateway';
import { stripeEventJson, stripeIdOf, stripeSignatureOf, type StripeEventFixture } from './stripe-event.fixtures';
import { stripeEventStream } from './stripe-event-intake';

const ROUTE = '/api/webhooks/stripe';

describe('POST /api/webhooks/stripe', () => {
  const schema = testSchema('webhooks');
  let app: INestApplication;
  let nc: NatsConnection;

  beforeAll(async () => {
    app = await startTestGateway(schema);
    nc = await connect({ servers: process.env.NATS_URL });
  });
  afterAll(async () => {
    await app?.close();
    await nc?.close();
  });

  /** A delivery as Stripe makes it: the JSON text, its signature, Stripe's content type. */
  const deliver = (payload: string, signature?: string) => {
    const call = request(app.getHttpServer()).post(ROUTE).set('Content-Type', 'application/json; charset=utf-8');
    return (signature === undefined ? call : call.set('Stripe-Signature', signature)).send(payload);
  };
  const signedEvent = (fixture: StripeEventFixture = {}) => {
    const event = stripeEventJson(fixture);
    const payload = JSON.stringify(event);
    return { id: event.id as string, payload, signature: stripeSignatureOf(payload, TEST_STRIPE_WEBHOOK_SECRET) };
  };

  const recordsOf = async (stripeEventId: string): Promise<number> => {
    const rows = await queryTestDatabase<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.events WHERE stream_id = $1`, [
      stripeEventStream(stripeEventId),
    ]);
    return Number(rows[0]?.n);
  };

  /** Resolves once the relay's checkpoint has passed every event recorded so far. */
  const relayCaughtUp = () =>
    waitUntil(
      async () => {
        const [row] = await queryTestDatabase<{ behind: boolean }>(
          `SELECT coalesce((SELECT max(global_position) FROM ${schema}.events), 0) >
             coalesce((SELECT global_position FROM ${schema}.checkpoints WHERE subscription = 'stripe-events'), 0) AS behind`,
        );
        return row?.behind === false ? true : undefined;
      },
      { timeoutMs: 10_000, description: 'the relay published every recorded Stripe event' },
    );

  /** The Stripe events of these ids on the ELAN stream, read from its start by a consumer of the test's own. */
  const publishedOf = async (ids: readonly string[]): Promise<StripeEventReceivedPayload[]> => {
    const jsm = await nc.jetstreamManager();
    const { name } = await jsm.consumers.add(ELAN_STREAM, {
      filter_subject: stripeEventReceived.subject,
      deliver_policy: DeliverPolicy.All,
      ack_policy: AckPolicy.None,
      inactive_threshold: nanos(60_000),
    });
    try {
      const consumer = await nc.jetstream().consumers.get(ELAN_STREAM, name);
      const { num_pending: pending } = await consumer.info();
      const found: StripeEventReceivedPayload[] = [];
      if (pending === 0) return found;
      for await (const message of await consumer.fetch({ max_messages: pending, expires: 5_000 })) {
        const payload = stripeEventReceived.schema.parse(message.json());
        if (ids.includes(payload.stripeEventId)) found.push(payload);
        if (message.info.pending === 0) break;
      }
      return found;
    } finally {
      await jsm.consumers.delete(ELAN_STREAM, name);
    }
  };
  const waitForPublished = (ids: readonly string[]) =>
    waitUntil(async () => ((await publishedOf(ids)).length >= ids.length ? publishedOf(ids) : undefined), {
      timeoutMs: 10_000,
      description: `${ids.join(', ')} on NATS`,
    });

  it('records a signed event, answers 200, and hands it on over NATS to its owner', async () => {
    const { id, payload, signature } = signedEvent();

    const response = await deliver(payload, signature);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: true, duplicate: false });
    expect(await recordsOf(id)).toBe(1);
    const [published] = await waitForPublished([id]);
    expect(published).toMatchObject({
      stripeEventId: id,
      type: 'payment_intent.succeeded',
      routedTo: 'pledge',
      object: { type: 'payment_intent', amount: { amount: 2_500, currency: 'EUR' }, status: 'succeeded' },
    });
    expect(JSON.stringify(published)).not.toContain('ada.lovelace@example.org');
  });

  it('verifies the exact bytes Stripe sent, not a re-serialisation of them', async () => {
    const event = stripeEventJson();
    const payload = `${JSON.stringify(event, null, 2)}\n`;

    const response = await deliver(payload, stripeSignatureOf(payload, TEST_STRIPE_WEBHOOK_SECRET));

    expect(response.status).toBe(200);
    expect(await recordsOf(event.id as string)).toBe(1);
  });

  describe('refuses with a 400 problem, and records nothing,', () => {
    const refused = async (id: string, response: request.Response) => {
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, errors: [{ field: expect.any(String) }] });
      expect(await recordsOf(id)).toBe(0);
    };

    it('an event without a signature', async () => {
      const { id, payload } = signedEvent();

      await refused(id, await deliver(payload));
    });

    it('an event signed with another secret', async () => {
      const { id, payload } = signedEvent();

      await refused(id, await deliver(payload, stripeSignatureOf(payload, 'whsec_not_the_endpoint_secret')));
    });

    it('an event changed after it was signed', async () => {
      const { id, payload, signature } = signedEvent();

      await refused(id, await deliver(payload.replace('"amount":2500', '"amount":250000'), signature));
    });

    it('an event signed longer ago than the 300 s tolerance (a replay)', async () => {
      const { id, payload } = signedEvent();

      await refused(id, await deliver(payload, stripeSignatureOf(payload, TEST_STRIPE_WEBHOOK_SECRET, 301)));
    });
  });

  it('refuses a signed body that is not a Stripe event, naming the field, and records nothing', async () => {
    const id = stripeIdOf('evt');
    const payload = JSON.stringify({
      id,
      object: 'event',
      created: 'yesterday',
      livemode: false,
      type: 'charge.succeeded',
      data: {},
    });

    const response = await deliver(payload, stripeSignatureOf(payload, TEST_STRIPE_WEBHOOK_SECRET));

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ field: 'created', message: expect.any(String) }] });
    expect(response.body.errors).toHaveLength(1);
    expect(await recordsOf(id)).toBe(0);
  });

  it('takes a signature within the tolerance', async () => {
    const { id, payload } = signedEvent();

    const response = await deliver(payload, stripeSignatureOf(payload, TEST_STRIPE_WEBHOOK_SECRET, 240));

    expect(response.status).toBe(200);
    expect(await recordsOf(id)).toBe(1);
  });

  it('records a delivery repeated, also concurrently, once, and publishes it once', async () => {
    const { id, payload, signature } = signedEvent();

    const first = await deliver(payload, signature);
    const again = await Promise.all(
      [1, 2, 3].map(() => deliver(payload, stripeSignatureOf(payload, TEST_STRIPE_WEBHOOK_SECRET))),
    );

    expect(first.body).toEqual({ received: true, duplicate: false });
    expect(again.map((response) => [response.status, response.body])).toEqual(
      Array.from({ length: 3 }, () => [200, { received: true, duplicate: true }]),
    );
    expect(await recordsOf(id)).toBe(1);
    await relayCaughtUp();
    expect(await publishedOf([id])).toHaveLength(1);
  });

  it('records events that arrive out of order, each once', async () => {
    const now = Math.floor(Date.now() / 1000);
    const paymentIntent = stripeIdOf('pi');
    const object = (status: string) => ({
      id: paymentIntent,
      object: 'payment_intent',
      amount: 2_500,
      currency: 'eur',
      status,
      metadata: { elan_service: 'pledge' },
    });
    const created = signedEvent({ type: 'payment_intent.created', created: now - 5, object: object('requires_payment_method') });
    const succeeded = signedEvent({ type: 'payment_intent.succeeded', created: now, object: object('succeeded') });

    for (const { payload, signature } of [succeeded, created, succeeded, created])
      expect((await deliver(payload, signature)).status).toBe(200);

    expect([await recordsOf(created.id), await recordsOf(succeeded.id)]).toEqual([1, 1]);
    const published = await waitForPublished([created.id, succeeded.id]);
    await relayCaughtUp();
    expect((await publishedOf([created.id, succeeded.id])).map((event) => event.object.status).sort()).toEqual([
      'requires_payment_method',
      'succeeded',
    ]);
    expect(published.every((event) => event.object.id === paymentIntent)).toBe(true);
  });

  it('routes a Connect account’s update to payout, and records an event nobody owns as unrouted', async () => {
    const account = stripeIdOf('acct');
    const updated = signedEvent({
      type: 'account.updated',
      account,
      object: {
        id: account,
        object: 'account',
        charges_enabled: true,
        payouts_enabled: true,
        requirements: { currently_due: [] },
      },
    });
    const unknown = signedEvent({
      type: 'customer.created',
      object: { id: stripeIdOf('cus'), object: 'customer', metadata: {} },
    });

    for (const { payload, signature } of [updated, unknown]) expect((await deliver(payload, signature)).status).toBe(200);

    const published = await waitForPublished([updated.id, unknown.id]);
    expect(Object.fromEntries(published.map((event) => [event.stripeEventId, [event.routedTo, event.account]]))).toEqual({
      [updated.id]: ['payout', account],
      [unknown.id]: ['unrouted', undefined],
    });
  });

  it('answers and records while NATS is down: the relay hands the event on later', async () => {
    const offline = await startTestGateway(schema, { natsUrl: `nats://127.0.0.1:${await freePort()}` });
    try {
      const { id, payload, signature } = signedEvent();

      const response = await request(offline.getHttpServer())
        .post(ROUTE)
        .set('Content-Type', 'application/json; charset=utf-8')
        .set('Stripe-Signature', signature)
        .send(payload);

      expect(response.status).toBe(200);
      expect(await recordsOf(id)).toBe(1);
      // The gateway of this file, on the real NATS, runs the same schema's relay: it publishes it.
      expect(await waitForPublished([id])).toHaveLength(1);
    } finally {
      await offline.close();
    }
  });

  it('answers 503 and records nothing when no webhook secret is configured', async () => {
    const unconfigured = await startTestGateway(testSchema('webhooks_off'), { stripeWebhookSecret: null });
    try {
      const { payload, signature } = signedEvent();

      const response = await request(unconfigured.getHttpServer())
        .post(ROUTE)
        .set('Content-Type', 'application/json')
        .set('Stripe-Signature', signature)
        .send(payload);

      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ type: 'urn:elan:problem:webhooks-not-configured' });
    } finally {
      await unconfigured.close();
    }
  });
});
