import { manualClock, uuidv7 } from '@elan/domain-kernel';
import { PostgresEventStore } from '@elan/event-store';
import { openTestStore, type TestStore } from '@elan/testing';
import type { TierFacts } from '../tier-stock.commands';
import { TierStockService, tierStockStream, type ReservationOutcome } from './tier-stock.service';

describe('tier stock under concurrency (real PostgreSQL)', () => {
  let database: TestStore<PostgresEventStore>;
  let store: PostgresEventStore;
  const clock = manualClock(new Date('2026-12-01T10:00:00Z'));
  const facts =
    (quantityLimit: number | null): (() => Promise<TierFacts>) =>
    async () => ({
      campaignId: 'c1',
      campaignLive: true,
      tierOpen: true,
      quantityLimit,
    });

  beforeAll(async () => {
    database = await openTestStore((pool, schema) => PostgresEventStore.open(pool, { schema }), {
      prefix: 'stock',
      poolSize: 20,
    });
    ({ store } = database);
  });
  afterAll(() => database.dispose());

  it('hands out exactly 100 units to 500 concurrent contributors, the rest a clean "sold out"', async () => {
    const tierId = uuidv7();
    const stock = new TierStockService(store, clock, facts(100));
    const outcomes: ReservationOutcome[] = await Promise.all(
      Array.from({ length: 500 }, () => stock.reserve({ campaignId: 'c1', tierId, pledgeId: uuidv7() })),
    );
    expect(outcomes.filter((o) => o.outcome === 'reserved')).toHaveLength(100);
    expect(outcomes.filter((o) => o.outcome === 'sold_out')).toHaveLength(400);
    const recorded = await store.readStream(tierStockStream('c1', tierId));
    expect(recorded.filter((e) => e.type === 'TierUnitReserved')).toHaveLength(100);
  });

  it('makes released and expired units available again', async () => {
    const tierId = uuidv7();
    const stock = new TierStockService(store, clock, facts(2), 60_000);
    const [a, b] = [uuidv7(), uuidv7()];
    expect((await stock.reserve({ campaignId: 'c1', tierId, pledgeId: a })).outcome).toBe('reserved');
    expect((await stock.reserve({ campaignId: 'c1', tierId, pledgeId: b })).outcome).toBe('reserved');
    await stock.confirm({ campaignId: 'c1', tierId, pledgeId: b });
    expect((await stock.reserve({ campaignId: 'c1', tierId, pledgeId: uuidv7() })).outcome).toBe('sold_out');

    await stock.release({ campaignId: 'c1', tierId, pledgeId: b, reason: 'cancelled' });
    expect((await stock.reserve({ campaignId: 'c1', tierId, pledgeId: uuidv7() })).outcome).toBe('reserved');
    expect((await stock.reserve({ campaignId: 'c1', tierId, pledgeId: uuidv7() })).outcome).toBe('sold_out');

    clock.advance(60_001); // a's hold lapses: abandoned at checkout
    await stock.expireHolds('c1', tierId);
    const types = (await store.readStream(tierStockStream('c1', tierId))).map((e) => e.type);
    expect(types.filter((t) => t === 'TierUnitReleased')).toHaveLength(3); // b cancelled, a and the third expired
    expect((await stock.reserve({ campaignId: 'c1', tierId, pledgeId: uuidv7() })).outcome).toBe('reserved');
  });

  it('gives a pledge that retries the unit it already holds', async () => {
    const tierId = uuidv7();
    const stock = new TierStockService(store, clock, facts(1));
    const pledgeId = uuidv7();
    const first = await stock.reserve({ campaignId: 'c1', tierId, pledgeId });
    const again = await stock.reserve({ campaignId: 'c1', tierId, pledgeId });
    expect(again).toEqual(first);
  });
});
