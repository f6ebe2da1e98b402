import { pledgeCommitted, tierUnitReleased, type IntegrationEventContract, type PayloadOf } from '@elan/contracts';
import { eur, manualClock, uuidv7 } from '@elan/domain-kernel';
import { PostgresEventStore, inTransaction, runMigrations } from '@elan/event-store';
import type { EnvelopeHeaders, IntegrationEventHandler } from '@elan/messaging';
import { openTestStore, type TestStore } from '@elan/testing';
import { CampaignApplication } from '../application/campaign-application';
import { createCampaignDecider } from '../campaign';
import { readModelMigrations } from '../read-models/read-model.migrations';
import { TierStockService, tierStockStream } from '../tier-stock/application/tier-stock.service';
import { campaignPledgeHandlers } from './campaign-pledges.handlers';
import { pledgeTotalsMigrations } from './pledge-totals';

const CAMPAIGN_ID = uuidv7();
const TIER_ID = uuidv7();

/**
 * The tier stock decides in a transaction of its own, committed before the inbox's: when the
 * inbox's transaction then fails, the redelivery must find the unit settled and move only the
 * totals. Real PostgreSQL; the handlers are called as the consumer calls them.
 */
describe('the pledge handlers when the inbox’s transaction fails after the stock decided (real PostgreSQL)', () => {
  let database: TestStore<PostgresEventStore>;
  let store: PostgresEventStore;
  let stock: TierStockService;
  let handlers: readonly IntegrationEventHandler[];
  const clock = manualClock(new Date('2026-12-01T10:00:00Z'));
  const refused: unknown[] = [];

  beforeAll(async () => {
    database = await openTestStore((pool, schema) => PostgresEventStore.open(pool, { schema }), { prefix: 'pledges' });
    ({ store } = database);
    await runMigrations(store.pool, store.schema, [readModelMigrations, pledgeTotalsMigrations]);
    stock = new TierStockService(store, clock, async () => ({
      campaignId: CAMPAIGN_ID,
      campaignLive: true,
      tierOpen: true,
      quantityLimit: 10,
    }));
    handlers = campaignPledgeHandlers({
      schema: store.schema,
      tierStock: stock,
      campaigns: new CampaignApplication(store, createCampaignDecider(), clock),
      onRefusedConfirmation: (refusal) => refused.push(refusal),
    });
  });
  afterAll(() => database.dispose());

  const envelope = (type: string): EnvelopeHeaders => ({
    eventId: uuidv7(),
    eventType: type,
    schemaVersion: 1,
    streamId: 'pledge-1',
    streamPosition: 1,
    previousPosition: 0,
    occurredAt: new Date().toISOString(),
  });
  /** One delivery: the handler in an inbox-like transaction, which `failAfter` rolls back once it ran. */
  const deliver = <C extends IntegrationEventContract>(contract: C, payload: PayloadOf<C>, failAfter = false) =>
    inTransaction(store.pool, async (client) => {
      const handler = handlers.find((h) => h.contract === contract);
      if (!handler) throw new Error(`no handler for ${contract.type}`);
      await handler.handle(payload as never, { envelope: envelope(contract.type), client });
      if (failAfter) throw new Error('the inbox’s transaction failed after the handler');
    });
  const stockEvents = async () =>
    (await store.readStream(tierStockStream(CAMPAIGN_ID, TIER_ID))).map((e) => e.type).filter((t) => t !== 'TierUnitReserved');
  const totals = async () =>
    (await store.pool.query(`SELECT committed, backers FROM ${store.schema}.pledge_totals WHERE campaign_id = $1`, [CAMPAIGN_ID]))
      .rows;

  it('confirms the unit once and counts the pledge once across a failed and a repeated delivery, then releases it once', async () => {
    const pledgeId = uuidv7();
    const reservation = await stock.reserve({ campaignId: CAMPAIGN_ID, tierId: TIER_ID, pledgeId });
    if (reservation.outcome !== 'reserved') throw new Error('a unit should be free');
    const committed = pledgeCommitted.schema.parse({
      pledgeId,
      campaignId: CAMPAIGN_ID,
      fundingModel: 'all_or_nothing',
      amount: eur(4_200),
      tip: { amount: eur(0) },
      contributorRef: uuidv7(),
      tierId: TIER_ID,
      holdId: reservation.reservationId,
      charged: false,
      committedAt: clock.now().toISOString(),
    });

    await expect(deliver(pledgeCommitted, committed, true)).rejects.toThrow(/failed after the handler/);
    expect(await stockEvents()).toEqual(['TierUnitConfirmed']);
    expect(await totals()).toEqual([]);

    await deliver(pledgeCommitted, committed);
    expect(await stockEvents()).toEqual(['TierUnitConfirmed']);
    expect(await totals()).toEqual([{ committed: '4200', backers: 1 }]);
    expect(refused).toEqual([]);

    const released = {
      pledgeId,
      campaignId: CAMPAIGN_ID,
      tierId: TIER_ID,
      holdId: reservation.reservationId,
      reason: 'cancelled' as const,
    };
    await expect(deliver(tierUnitReleased, released, true)).rejects.toThrow(/failed after the handler/);
    await deliver(tierUnitReleased, released);
    expect(await stockEvents()).toEqual(['TierUnitConfirmed', 'TierUnitReleased']);
    const [release] = (await store.readStream(tierStockStream(CAMPAIGN_ID, TIER_ID))).filter(
      (e) => e.type === 'TierUnitReleased',
    );
    expect(release?.data).toMatchObject({ pledgeId, reason: 'cancelled' });
  });
});
