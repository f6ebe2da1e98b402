import type { Pool } from 'pg';
import { uuidv7 } from '@elan/domain-kernel';
import { PostgresEventStore, runMigrations } from '@elan/event-store';
import { manualClock, openTestStore, waitUntil, type TestStore } from '@elan/testing';
import { TierStockService, tierStockStream } from '../tier-stock/application/tier-stock.service';
import { DurableScheduler } from './durable-scheduler';
import { scheduleMigrations } from './scheduled-commands';
import { scheduleHoldExpiry, tierHoldExpiryHandlers } from './tier-hold-expiry';

describe('a lapsed tier hold is recorded as released (real PostgreSQL, manual clock)', () => {
  const clock = manualClock(new Date('2026-12-01T10:00:00.000Z'));
  let pool: Pool;
  let store: PostgresEventStore;
  let scheduler: DurableScheduler;
  let database: TestStore<PostgresEventStore>;

  beforeAll(async () => {
    database = await openTestStore((pool, schema) => PostgresEventStore.open(pool, { schema }), { prefix: 'holds', poolSize: 6 });
    ({ pool, store } = database);
    await runMigrations(pool, store.schema, [scheduleMigrations]);
  });
  afterAll(async () => {
    await scheduler.stop();
    await database.dispose();
  });

  it('releases the abandoned hold at its expiry and keeps the confirmed one', async () => {
    const campaignId = uuidv7();
    const tierId = uuidv7();
    const facts = async () => ({ campaignId, campaignLive: true, tierOpen: true, quantityLimit: 5 });
    const stock = new TierStockService(store, clock, facts, 1_000, scheduleHoldExpiry(store.schema));
    scheduler = new DurableScheduler({
      pool,
      schema: store.schema,
      clock,
      handlers: tierHoldExpiryHandlers(stock),
      maxIdleMs: 200,
    });
    scheduler.start();

    const [abandoned, committed] = [uuidv7(), uuidv7()];
    await stock.reserve({ campaignId, tierId, pledgeId: abandoned });
    await stock.reserve({ campaignId, tierId, pledgeId: committed });
    await stock.confirm({ campaignId, tierId, pledgeId: committed });
    // The holds last 1 s: move the clock to their expiry, and wake the scheduler for it.
    clock.advance(1_000);
    scheduler.nudge();

    const released = async () =>
      (await store.readStream(tierStockStream(campaignId, tierId)))
        .filter((e) => e.type === 'TierUnitReleased')
        .map((e) => e.data);
    await waitUntil(async () => (await released()).length > 0, { timeoutMs: 5_000, description: 'the lapsed hold released' });
    await waitUntil(
      async () =>
        (await pool.query(`SELECT count(*) AS n FROM ${store.schema}.scheduled_commands WHERE status = 'pending'`)).rows[0].n ===
        '0',
      { timeoutMs: 5_000, description: 'both expiry checks ran' },
    );
    expect(await released()).toEqual([expect.objectContaining({ pledgeId: abandoned, reason: 'expired' })]);
  });
});
