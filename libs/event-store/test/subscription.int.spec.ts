import { Pool, type PoolClient } from 'pg';
import { waitUntil } from '@elan/testing';
import { PostgresEventStore, type RecordedEvent, type Subscription } from '../src';
import { openTestStore } from './test-database';

/** Records what a subscriber saw, per stream, and fails on any duplicate or disorder. */
class Observer {
  readonly seen = new Map<string, number[]>();
  total = 0;

  observe(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      const positions = this.seen.get(event.streamId) ?? [];
      positions.push(event.streamPosition);
      this.seen.set(event.streamId, positions);
      this.total++;
    }
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('a subscription to the global log', () => {
  let ctx: Awaited<ReturnType<typeof openTestStore>>;
  /** What each test leaves to undo, whether it passed or not: subscriptions, held clients. */
  let cleanups: Array<() => Promise<void>>;
  const started = async (subscription: Subscription): Promise<Subscription> => {
    cleanups.push(() => subscription.stop());
    await subscription.start();
    return subscription;
  };
  beforeEach(async () => {
    ctx = await openTestStore({}, 16);
    cleanups = [];
  });
  afterEach(async () => {
    await Promise.all(cleanups.map((cleanup) => cleanup()));
    await ctx.dispose();
  });

  it('sees every event of 8 concurrent writers exactly once, each stream in order, even past a transaction held open', async () => {
    const observer = new Observer();
    const subscription = await started(
      ctx.store.subscribe({
        name: 'observer',
        batchSize: 300,
        handle: async (events) => observer.observe(events),
      }),
    );

    // A writer whose transaction begins first and commits last: its events get the lowest
    // transaction id but become visible after everything the others wrote.
    const held: PoolClient = await ctx.pool.connect();
    cleanups.push(async () => held.release());
    await held.query('BEGIN');
    await ctx.store.append(
      'pledge-held',
      [
        { type: 'PledgePlaced', data: {} },
        { type: 'PledgeCommitted', data: {} },
      ],
      'no_stream',
      {
        client: held,
      },
    );

    const writers = 8;
    const perWriter = 2_000;
    const streamsPerWriter = 20;
    await Promise.all(
      range(writers).map(async (writer) => {
        const versions = new Map<string, number>();
        for (let i = 0; i < perWriter; i++) {
          const streamId = `pledge-w${writer}s${i % streamsPerWriter}`;
          const version = versions.get(streamId) ?? 0;
          const result = await ctx.store.append(streamId, [{ type: 'PledgeStep', data: { writer, i } }], version);
          versions.set(streamId, result.nextExpectedVersion);
        }
      }),
    );
    const everythingButHeld = writers * perWriter;

    // While the early transaction is open, nothing it or later transactions wrote may be
    // consumed out of order, so the subscriber cannot have seen the held events.
    expect(observer.seen.has('pledge-held')).toBe(false);
    await held.query('COMMIT');

    await waitUntil(() => observer.total >= everythingButHeld + 2, {
      timeoutMs: 30_000,
      description: 'the subscriber has seen every event',
    });
    await subscription.stop();

    expect(observer.total).toBe(everythingButHeld + 2);
    expect(observer.seen.get('pledge-held')).toEqual([1, 2]);
    for (const writer of range(writers))
      for (let s = 0; s < streamsPerWriter; s++)
        expect(observer.seen.get(`pledge-w${writer}s${s}`)).toEqual(range(perWriter / streamsPerWriter));
  });

  it('resumes from its checkpoint after a stop, with no effect lost or repeated', async () => {
    await ctx.pool.query(`CREATE TABLE ${ctx.schema}.effects (event_id uuid PRIMARY KEY, stream_id text NOT NULL)`);
    const recordEffects = async (events: readonly RecordedEvent[], client: PoolClient): Promise<void> => {
      // A primary key on the event id: a repeated effect fails the batch instead of hiding.
      for (const event of events)
        await client.query(`INSERT INTO ${ctx.schema}.effects (event_id, stream_id) VALUES ($1, $2)`, [
          event.eventId,
          event.streamId,
        ]);
    };
    const effects = async (): Promise<number> =>
      Number((await ctx.pool.query(`SELECT count(*) AS n FROM ${ctx.schema}.effects`)).rows[0].n);
    const appendMany = async (prefix: string, count: number): Promise<void> => {
      for (let i = 0; i < count; i++) await ctx.store.append(`${prefix}-${i}`, [{ type: 'TipPaid', data: { i } }], 'no_stream');
    };

    await appendMany('tip-first', 250);
    const errors: unknown[] = [];
    const first = await started(
      ctx.store.subscribe({ name: 'effects', batchSize: 50, handle: recordEffects, onError: (e) => errors.push(e) }),
    );
    await waitUntil(async () => (await effects()) >= 100, { timeoutMs: 10_000, description: 'some batches committed' });
    await first.stop();
    const afterStop = await effects();
    expect(afterStop).toBeLessThanOrEqual(250);
    expect((await first.position()).globalPosition).toBeGreaterThan(0);

    await appendMany('tip-second', 150);

    // The second run fails its first batch half-way through: the rollback must undo the
    // partial effects and the checkpoint together.
    let failedOnce = false;
    const second = await started(
      ctx.store.subscribe({
        name: 'effects',
        batchSize: 50,
        pollIntervalMs: 50,
        handle: async (events, client) => {
          await recordEffects(events.slice(0, 10), client);
          if (!failedOnce) {
            failedOnce = true;
            throw new Error('crash in the middle of a batch');
          }
          await recordEffects(events.slice(10), client);
        },
        onError: (e) => errors.push(e),
      }),
    );
    await waitUntil(async () => (await effects()) === 400, { timeoutMs: 15_000, description: 'every effect recorded' });
    await second.stop();

    expect(failedOnce).toBe(true);
    expect(errors).toHaveLength(1);
    expect(await effects()).toBe(400);
  });

  it('is woken by an append instead of waiting for its poll', async () => {
    const observer = new Observer();
    const subscription = await started(
      ctx.store.subscribe({
        name: 'quick',
        pollIntervalMs: 60_000,
        handle: async (events) => observer.observe(events),
      }),
    );
    await ctx.store.append('campaign-h1', [{ type: 'CampaignLaunched', data: {} }], 'no_stream');
    await waitUntil(() => observer.total === 1, { timeoutMs: 5_000, description: 'the append woke the subscriber' });
    await subscription.stop();
    expect(observer.seen.get('campaign-h1')).toEqual([1]);
  });

  it('is woken by an append from another process through NOTIFY', async () => {
    const observer = new Observer();
    const subscription = await started(
      ctx.store.subscribe({
        name: 'cross',
        pollIntervalMs: 60_000,
        handle: async (events) => observer.observe(events),
      }),
    );
    // A second store object on its own pool stands for another process: it shares nothing in memory.
    const otherPool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    const otherStore = await PostgresEventStore.open(otherPool, { schema: ctx.schema });
    try {
      await otherStore.append('campaign-h2', [{ type: 'CampaignLaunched', data: {} }], 'no_stream');
      await waitUntil(() => observer.total === 1, { timeoutMs: 5_000, description: 'the NOTIFY woke the subscriber' });
    } finally {
      await subscription.stop();
      await otherStore.close();
      await otherPool.end();
    }
  });

  it('is processed by one replica at a time when several run it', async () => {
    const observer = new Observer();
    const replicas = [1, 2, 3].map(() =>
      ctx.store.subscribe({
        name: 'replicated',
        batchSize: 20,
        pollIntervalMs: 20,
        handle: async (events) => observer.observe(events),
      }),
    );
    await Promise.all(replicas.map(started));
    for (let i = 0; i < 300; i++) await ctx.store.append(`payout-${i % 7}`, [{ type: 'PayoutStep', data: { i } }], 'any');
    await waitUntil(() => observer.total >= 300, { timeoutMs: 15_000, description: 'all events handled' });
    await Promise.all(replicas.map((replica) => replica.stop()));
    expect(observer.total).toBe(300);
    for (const [, positions] of observer.seen) expect(positions).toEqual(range(positions.length));
  });
});
