import { manualClock, uuidv7 } from '@elan/domain-kernel';
import { PostgresEventStore } from '@elan/event-store';
import { openTestSchema, type TestSchema } from '@elan/testing';
import { campaignEventHandlers } from '../consumers/campaign-events.handlers';
import { PledgeApplication } from '../application/pledge-application';
import { migratePledgeSchema } from '../app/pledge.migrations';
import { toIntegrationEvent } from '../outbox/pledge-integration-events';
import { pledgeDecider } from '../pledge';
import { collectionStream, PledgeSweeper } from './pledge-sweeper';

/**
 * CampaignCollectionClosed on PostgreSQL: the sweeper records it once, only when no pledge of a
 * succeeded campaign is left being collected, with the sums of what was collected and dropped.
 * The pledges' rows are written as the pledge view would hold them.
 */
describe('closing a succeeded campaign’s collection', () => {
  let database: TestSchema;
  let store: PostgresEventStore;
  let sweeper: PledgeSweeper;
  let pledges: PledgeApplication;
  const clock = manualClock(new Date('2026-05-01T10:00:00.000Z'));

  beforeAll(async () => {
    database = await openTestSchema({ prefix: 'pledge_collection', poolSize: 3 });
    await migratePledgeSchema(database.pool, database.schema);
    store = await PostgresEventStore.open(database.pool, { schema: database.schema });
    pledges = new PledgeApplication(store, pledgeDecider, clock);
    sweeper = new PledgeSweeper(store, pledges, { checkoutTimeoutMs: 86_400_000, intervalMs: 60_000, onError: () => {} });
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  const row = async (campaignId: string, status: string, amount: number) => {
    const pledgeId = uuidv7();
    await database.pool.query(
      `INSERT INTO ${database.schema}.pledges (pledge_id, campaign_id, holder_id, funding_model, status, amount, tip_amount,
         currency, contributor_kind, account_id, show_name, deadline, placed_at, updated_at, version)
       VALUES ($1, $2, $3, 'all_or_nothing', $4, $5, 100, 'EUR', 'account', $3, true, $6, $6, $6, 1)`,
      [pledgeId, campaignId, uuidv7(), status, amount, clock.now()],
    );
    return pledgeId;
  };
  const setStatus = (pledgeId: string, status: string) =>
    database.pool.query(`UPDATE ${database.schema}.pledges SET status = $2 WHERE pledge_id = $1`, [pledgeId, status]);

  /** CampaignSucceeded through the pledge service's own handler, in a transaction as the inbox runs it. */
  const succeed = async (campaignId: string) => {
    const handler = campaignEventHandlers(pledges, database.schema, 0).find((h) => h.contract.type === 'CampaignSucceeded');
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      await handler?.handle(
        { campaignId, closedAt: clock.now().toISOString(), committedTotal: { amount: 1, currency: 'EUR' }, backers: 1 },
        { client, envelope: {} as never },
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  const closings = (campaignId: string) => store.readStream(collectionStream(campaignId));

  it('waits for every pledge being collected, then records one closing with the sums', async () => {
    const campaignId = uuidv7();
    const declined = await row(campaignId, 'collection_declined', 2_000);
    const updated = await row(campaignId, 'card_updated', 1_500);
    await row(campaignId, 'collected', 3_000);
    await row(campaignId, 'refunded', 4_000);
    await row(campaignId, 'released', 9_999); // never part of a succeeded campaign's collection
    await succeed(campaignId);

    await sweeper.sweep();
    expect(await closings(campaignId)).toEqual([]);

    await setStatus(declined, 'dropped');
    await sweeper.sweep();
    expect(await closings(campaignId)).toEqual([]);

    await setStatus(updated, 'collected');
    await sweeper.sweep();
    await sweeper.sweep();
    await succeed(campaignId); // a redelivered CampaignSucceeded opens nothing again
    await sweeper.sweep();

    const recorded = await closings(campaignId);
    expect(recorded.map((e) => e.type)).toEqual(['CampaignCollectionClosed']);
    expect(recorded[0]?.data).toEqual({
      campaignId,
      collected: { count: 3, amount: { amount: 8_500, currency: 'EUR' } },
      dropped: { count: 1, amount: { amount: 2_000, currency: 'EUR' } },
      closedAt: clock.now().toISOString(),
    });
    const published = toIntegrationEvent(recorded[0] as never);
    expect(published?.contract.type).toBe('CampaignCollectionClosed');
    expect(published?.contract.schema.safeParse(published.payload).error).toBeUndefined();
  });

  it('closes nothing for a campaign that did not succeed', async () => {
    const campaignId = uuidv7();
    await row(campaignId, 'released', 3_000);
    await sweeper.sweep();
    expect(await closings(campaignId)).toEqual([]);
  });
});
