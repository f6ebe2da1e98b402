import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { PostgresEventStore } from '@elan/event-store';
import { openTestSchema, spawnNatsServer, waitUntil, type SpawnedNatsServer, type TestSchema } from '@elan/testing';
import { probeContract } from '../../test/probe-contract';
import { DurableConsumer, on } from '../durable-consumer';
import { OutboxRelay } from '../outbox-relay';
import { DEAD_LETTER_STREAM, ELAN_STREAM, ensureStreams } from '../streams';
import { renderNatsAuthorization } from './nats-authorization';
import { createPeerCredentials, natsPeerOptions, seedOf, type PeerCredential } from './nats-credentials';
import { PEER_PERMISSIONS, servicePeer } from './nats-peers';

/**
 * The JetStream subjects `servicePeer` grants are enough, on nats-server 2.9 and in the global
 * account: a service's relay publishes its events, and a consuming service's durable consumer
 * (the shape pledge will have) creates itself, pulls, acknowledges and dead-letters, each on a
 * connection of its own user — and a consumer not granted is refused.
 */
describe('service users on a nats-server with users', () => {
  const id = randomBytes(4).toString('hex');
  const durableName = `pledge-outcomes-${id}`;
  const contract = probeContract(id);
  const permissions = {
    campaign: servicePeer('campaign'),
    pledge: servicePeer('pledge', [{ durableName, consumes: 'elan.campaign.>' }]),
    gateway: PEER_PERMISSIONS.gateway,
  };
  let credentials: PeerCredential[];
  let server: SpawnedNatsServer;
  let database: TestSchema;
  let subscriberSchema: string;
  const opened: NatsConnection[] = [];
  const stoppable: { stop(): Promise<void> }[] = [];

  const connectAs = async (peer: 'campaign' | 'pledge' | 'gateway'): Promise<NatsConnection> => {
    const nc = await connect({ servers: server.url, ...natsPeerOptions(peer, seedOf(credentials, peer)) });
    opened.push(nc);
    return nc;
  };

  beforeAll(async () => {
    credentials = createPeerCredentials(['campaign', 'pledge', 'gateway']);
    server = await spawnNatsServer({
      storeDir: await mkdtemp(join(tmpdir(), 'elan-nats-peers-')),
      keepData: false,
      startTimeoutMs: 30_000,
      authorization: {
        config: renderNatsAuthorization(credentials, permissions),
        probeAs: natsPeerOptions('campaign', seedOf(credentials, 'campaign')),
      },
    });
    database = await openTestSchema({ prefix: 'peers_pub', poolSize: 6 });
    subscriberSchema = await database.addSchema('peers_sub');
  });

  afterAll(async () => {
    await Promise.allSettled(stoppable.map((s) => s.stop()));
    await Promise.allSettled(opened.map((nc) => nc.close()));
    await database?.dispose();
    await server?.stop();
  });

  it('relay and durable consumer work, dead letters included, each as its own user', async () => {
    const campaign = await connectAs('campaign');
    await ensureStreams(await campaign.jetstreamManager());
    const store = await PostgresEventStore.open(database.pool, { schema: database.schema });
    stoppable.push({ stop: () => store.close() });
    const relay = new OutboxRelay({
      store,
      js: campaign.jetstream(),
      map: (event) => ({ contract, payload: event.data }),
      pollIntervalMs: 50,
    });
    stoppable.push(relay);
    await relay.start();

    const pledge = await connectAs('pledge');
    const handled: number[] = [];
    const consumer = new DurableConsumer({
      nc: pledge,
      pool: database.pool,
      schema: subscriberSchema,
      durableName,
      maxDeliver: 1,
      backoffMs: () => 50,
      handlers: [
        on(contract, async ({ step }) => {
          if (step === 2) throw new Error('step 2 is refused, to be dead-lettered');
          handled.push(step);
        }),
      ],
    });
    stoppable.push(consumer);
    await consumer.start();

    for (const step of [1, 2, 3])
      await store.append(
        `probe-${id}`,
        [{ type: 'ProbeStepped', data: { step, amount: { amount: 100, currency: 'EUR' } } }],
        'any',
      );

    await waitUntil(() => (handled.length === 2 ? true : undefined), { timeoutMs: 15_000, description: 'steps 1 and 3 handled' });
    expect(handled).toEqual([1, 3]);
    const jsm = await campaign.jetstreamManager();
    const deadLetters = await waitUntil(
      async () => ((await jsm.streams.info(DEAD_LETTER_STREAM)).state.messages === 1 ? true : undefined),
      { timeoutMs: 15_000, description: 'step 2 in the dead letters' },
    );
    expect(deadLetters).toBe(true);
  });

  it('lets the gateway make the streams and publish its own events, and nobody else’s', async () => {
    const gateway = await connectAs('gateway');
    await ensureStreams(await gateway.jetstreamManager());
    const js = gateway.jetstream();

    const ack = await js.publish(`elan.gateway.Probe${id}.v1`, new Uint8Array(), { msgID: `gateway-${id}` });

    expect(ack.stream).toBe(ELAN_STREAM);
    await expect(js.publish(`elan.campaign.Probe${id}.v1`, new Uint8Array(), { timeout: 1_000 })).rejects.toThrow();
  });

  it('refuses a durable consumer the user was not granted', async () => {
    const pledge = await connectAs('pledge');
    const jsm = await pledge.jetstreamManager();
    const created = await jsm.consumers
      .add(ELAN_STREAM, { durable_name: `pledge-other-${id}`, filter_subject: 'elan.campaign.>' })
      .then(
        () => 'created',
        (error: Error) => error.message,
      );
    expect(created).toMatch(/permissions violation/i);
  });
});
