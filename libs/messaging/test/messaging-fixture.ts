import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { connect, type NatsConnection } from 'nats';
import { probeContract } from './probe-contract';
import { PostgresEventStore, type RecordedEvent } from '@elan/event-store';
import { openTestStore } from '@elan/testing';
import { DurableConsumer, OutboxRelay, ensureStreams, on, type HandlerContext } from '../src';

/**
 * A publishing service and a consuming service on the real PostgreSQL and NATS, with names of
 * their own so concurrent test files never share subjects, schemas or consumers.
 */
export interface Fixture {
  readonly id: string;
  readonly pool: Pool;
  readonly nc: NatsConnection;
  readonly store: PostgresEventStore;
  readonly contract: ReturnType<typeof probeContract>;
  readonly publisherSchema: string;
  readonly consumerSchema: string;
  relay(overrides?: Partial<ConstructorParameters<typeof OutboxRelay>[0]>): OutboxRelay;
  consumer(
    handle?: (payload: { step: number }, context: HandlerContext) => Promise<void>,
    overrides?: Partial<ConstructorParameters<typeof DurableConsumer>[0]>,
  ): DurableConsumer;
  /** The fixture's own stream `s`: ids of one fixture never meet another's on a shared server. */
  streamOf(s: number): string;
  appendSteps(streams: number, stepsPerStream: number): Promise<void>;
  effects(): Promise<Array<{ event_id: string; stream_id: string; step: number }>>;
  dispose(): Promise<void>;
}

export interface FixtureOptions {
  readonly natsUrl?: string;
  /** A tiny window makes JetStream keep republished copies, so consumers must de-duplicate. */
  readonly duplicateWindowMs?: number;
}

export const openFixture = async (options: FixtureOptions = {}): Promise<Fixture> => {
  const natsUrl = options.natsUrl ?? process.env.NATS_URL;
  if (!process.env.DATABASE_URL || !natsUrl)
    throw new Error('run through Jest: DATABASE_URL and NATS_URL come from its global setup');
  const id = randomBytes(4).toString('hex');
  const database = await openTestStore((pool, schema) => PostgresEventStore.open(pool, { schema }), {
    prefix: 'pub',
    poolSize: 12,
  });
  const { pool, store, schema: publisherSchema } = database;
  const consumerSchema = await database.addSchema('sub');
  const nc = await connect({ servers: natsUrl, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  await ensureStreams(await nc.jetstreamManager(), options);
  await pool.query(
    `CREATE TABLE ${consumerSchema}.effects (seq bigserial, event_id uuid NOT NULL, stream_id text NOT NULL, step int NOT NULL)`,
  );
  const contract = probeContract(id);
  const started: Array<{ stop(): Promise<void> }> = [];
  const fixture: Fixture = {
    id,
    pool,
    nc,
    store,
    contract,
    publisherSchema,
    consumerSchema,
    relay(overrides = {}) {
      const relay = new OutboxRelay({
        store,
        js: nc.jetstream(),
        map: (event: RecordedEvent) => ({ contract, payload: event.data }),
        pollIntervalMs: 50,
        ...overrides,
      });
      started.push(relay);
      return relay;
    },
    consumer(handle, overrides = {}) {
      const consumer = new DurableConsumer({
        nc,
        pool,
        schema: consumerSchema,
        durableName: `pledge-probe-${id}`,
        backoffMs: () => 50,
        ackWaitMs: 2_000,
        handlers: [
          on(contract, async (payload, context) => {
            await handle?.(payload, context);
            await context.client.query(`INSERT INTO ${consumerSchema}.effects (event_id, stream_id, step) VALUES ($1, $2, $3)`, [
              context.envelope.eventId,
              context.envelope.streamId,
              payload.step,
            ]);
          }),
        ],
        ...overrides,
      });
      started.push(consumer);
      return consumer;
    },
    streamOf: (s) => `probe-${id}_${s}`,
    async appendSteps(streams, stepsPerStream) {
      for (let step = 1; step <= stepsPerStream; step++)
        await Promise.all(
          Array.from({ length: streams }, (_, s) =>
            store.append(
              fixture.streamOf(s),
              [{ type: 'ProbeStepped', data: { step, amount: { amount: 100 * step, currency: 'EUR' } } }],
              'any',
            ),
          ),
        );
    },
    async effects() {
      return (await pool.query(`SELECT event_id, stream_id, step FROM ${consumerSchema}.effects ORDER BY seq`)).rows;
    },
    async dispose() {
      await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
      await nc.close();
      await database.dispose();
    },
  };
  return fixture;
};

/** Every stream's steps in the order the consumer applied them must be 1, 2, 3… exactly once. */
export const expectExactlyOnceInOrder = (
  effects: ReadonlyArray<{ stream_id: string; step: number }>,
  streams: number,
  steps: number,
): void => {
  const byStream = new Map<string, number[]>();
  for (const effect of effects) byStream.set(effect.stream_id, [...(byStream.get(effect.stream_id) ?? []), effect.step]);
  const expected = Array.from({ length: steps }, (_, i) => i + 1);
  expect(byStream.size).toBe(streams);
  for (const applied of byStream.values()) expect(applied).toEqual(expected);
  expect(effects).toHaveLength(streams * steps);
};
