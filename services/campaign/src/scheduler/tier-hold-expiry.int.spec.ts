import { Pool } from 'pg';
import { randomBytes } from 'node:crypto';
import { systemClock, uuidv7 } from '@elan/domain-kernel';
import { PostgresEventStore, runMigrations } from '@elan/event-store';
import { waitUntil } from '@elan/testing';
import { TierStockService, tierStockStream } from '../tier-stock/application/tier-stock.service';
import { DurableScheduler } from './durable-scheduler';
import { scheduleMigrations } from './scheduled-commands';
import { scheduleHoldExpiry, tierHoldExpiryHandlers } from './tier-hold-expiry';

describe('a lapsed tier hold is recorded as released (real PostgreSQL, real time)', () => {
  let pool: Pool;
  let store: PostgresEventStore;
  let scheduler: DurableScheduler;

  beforeAll(async () => {
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 6 });
    store = await PostgresEventStore.open(pool, { schema: `holds_${randomBytes(4).toString('hex')}` });
    await runMigrations(pool, store.schema, [scheduleMigrations]);
  });
  afterAll(async () => {
    await scheduler.stop();
    await store.close();
    await pool.query(`DROP SCHEMA ${store.schema} CASCADE`);
    await pool.end();
  });

  it('releases the abandoned hold at its expiry and keeps the confirmed one', async () => {
    const campaignId = uuidv7();
    const tierId = uuidv7();
    const facts = async () => ({ campaignId, campaignLive: true, tierOpen: true, quantityLimit: 5 });
    const stock = new TierStockService(store, systemClock, facts, 1_000, scheduleHoldExpiry(store.schema));
    scheduler = new DurableScheduler({ pool, schema: store.schema, clock: systemClock, handlers: tierHoldExpiryHandlers(stock), maxIdleMs: 200 });
    scheduler.start();

    const [abandoned, committed] = [uuidv7(), uuidv7()];
    await stock.reserve({ campaignId, tierId, pledgeId: abandoned });
    await stock.reserve({ campaignId, tierId, pledgeId: committed });
    await stock.confirm({ campaignId, tierId, pledgeId: committed });

    const released = async () =>
      (await store.readStream(tierStockStream(campaignId, tierId))).filter((e) => e.type === 'TierUnitReleased').map((e) => e.data);
    await waitUntil(async () => (await released()).length > 0, { timeoutMs: 5_000, description: 'the lapsed hold released' });
    await waitUntil(
      async () => (await pool.query(`SELECT count(*) AS n FROM ${store.schema}.scheduled_commands WHERE status = 'pending'`)).rows[0].n === '0',
      { timeoutMs: 5_000, description: 'both expiry checks ran' },
    );
    expect(await released()).toEqual([expect.objectContaining({ pledgeId: abandoned, reason: 'expired' })]);
  });
});
