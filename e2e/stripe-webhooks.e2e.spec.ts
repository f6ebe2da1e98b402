import { randomBytes } from 'node:crypto';
import { connect, nkeyAuthenticator, type NatsConnection } from 'nats';
import Stripe from 'stripe';
import { stripeEventReceived } from '@elan/contracts';
import { waitUntil } from '@elan/testing';
import { Stack, seedBytes } from './support/stack';

/** The JetStream stream of every integration event (`ELAN_STREAM` of libs/messaging, out of e2e's reach). */
const ELAN_STREAM = 'ELAN';

/**
 * Stripe's webhook with every process real: the gateway as deployed, with its own NATS user on
 * a server that lets in only the stack's users. A signed event delivered twice and a forged one:
 * the stream holds the signed event once, published under the gateway's own permissions.
 */
describe('Stripe webhooks into a running gateway', () => {
  let stack: Stack;
  let nc: NatsConnection;

  beforeAll(async () => {
    stack = await Stack.start('webhooks');
    nc = await connect({
      servers: stack.natsUrl,
      authenticator: nkeyAuthenticator(await seedBytes(stack.natsSeedFileOf('campaign'))),
      inboxPrefix: '_INBOX.campaign',
      reconnect: false,
    });
  });
  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  const deliver = (payload: string, secret: string) =>
    fetch(`${stack.url}/api/webhooks/stripe`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }),
      },
      body: payload,
    });

  const publishedCount = async (): Promise<number> => {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(ELAN_STREAM, { subjects_filter: stripeEventReceived.subject });
    return info.state.subjects?.[stripeEventReceived.subject] ?? 0;
  };

  it('relays a signed event once however often it is delivered, and never a forged one', async () => {
    const secret = stack.environment.STRIPE_WEBHOOK_SECRET ?? '';
    const event = (id: string) =>
      JSON.stringify({
        id,
        object: 'event',
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        type: 'setup_intent.succeeded',
        data: {
          object: {
            id: `seti_${randomBytes(8).toString('hex')}`,
            object: 'setup_intent',
            status: 'succeeded',
            metadata: { elan_service: 'pledge' },
          },
        },
      });
    const signed = event(`evt_${randomBytes(12).toString('hex')}`);

    const answers = [await deliver(signed, secret), await deliver(signed, secret)];
    const forged = await deliver(event(`evt_${randomBytes(12).toString('hex')}`), 'whsec_forged');

    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(forged.status).toBe(400);
    await waitUntil(async () => ((await publishedCount()) >= 1 ? true : undefined), {
      timeoutMs: 15_000,
      description: 'the signed event on the stack’s ELAN stream',
    });
    expect(await publishedCount()).toBe(1);
  });
});
