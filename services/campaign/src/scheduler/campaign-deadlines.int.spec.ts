import type { Pool } from 'pg';
import { systemClock, uuidv7 } from '@elan/domain-kernel';
import { PostgresEventStore, type Subscription } from '@elan/event-store';
import { openTestStore, waitUntil, type TestStore } from '@elan/testing';
import { TEST_CAMPAIGN_RULES, createCampaignDecider, type CampaignState, type FundingModel } from '../campaign';
import { campaignFixtures } from '../campaign/testing';
import { CampaignCommands } from '../application/campaign-commands.service';
import { campaignDeadlineHandlers, noPledgesYet } from './campaign-deadlines';
import { campaignScheduleProjection } from './campaign-schedule.projection';
import { DurableScheduler } from './durable-scheduler';
import { ensureScheduleTable } from './scheduled-commands';

const { asHolder, asModerator, createCampaign } = campaignFixtures;

/**
 * Deadlines that hold, with the real scheduler, projection and event store: a campaign is
 * launched within a second of its start and closed within a second of its deadline.
 */
describe('a campaign’s start and deadline (real PostgreSQL, real time)', () => {
  let pool: Pool;
  let store: PostgresEventStore;
  let campaigns: CampaignCommands;
  let projection: Subscription;
  let scheduler: DurableScheduler;
  let database: TestStore<PostgresEventStore>;

  beforeAll(async () => {
    database = await openTestStore((pool, schema) => PostgresEventStore.open(pool, { schema }), { prefix: 'deadlines' });
    ({ pool, store } = database);
    await ensureScheduleTable(pool, store.schema);
    campaigns = new CampaignCommands(store, createCampaignDecider(TEST_CAMPAIGN_RULES), systemClock);
    scheduler = new DurableScheduler({
      pool,
      schema: store.schema,
      clock: systemClock,
      handlers: campaignDeadlineHandlers(campaigns, noPledgesYet),
    });
    projection = campaignScheduleProjection(store, () => scheduler.nudge());
    await projection.start();
    scheduler.start();
  });
  afterAll(async () => {
    await scheduler.stop();
    await projection.stop();
    await database.dispose();
  });

  const runCampaign = async (fundingModel: FundingModel): Promise<{ campaignId: string; startsAt: Date; deadline: Date }> => {
    const campaignId = uuidv7();
    const startsAt = new Date(Date.now() + 2_000);
    const deadline = new Date(startsAt.getTime() + 2_000);
    const { metadata: _m, ...create } = createCampaign({ campaignId, fundingModel, startsAt: startsAt.toISOString(), deadline: deadline.toISOString(), stretchGoals: [] });
    const holder = { actor: asHolder().actor, roles: asHolder().roles };
    const moderator = { actor: asModerator().actor, roles: asModerator().roles };
    await campaigns.execute({ ...create, metadata: holder });
    await campaigns.execute({ type: 'SubmitCampaign', data: { campaignId }, metadata: holder });
    await campaigns.execute({ type: 'ApproveCampaign', data: { campaignId }, metadata: moderator });
    return { campaignId, startsAt, deadline };
  };
  const statusOf = async (campaignId: string): Promise<CampaignState['status']> => (await campaigns.load(campaignId)).status;
  const eventTime = async (campaignId: string, type: string): Promise<number> => {
    const events = await store.readStream(`campaign-${campaignId}`);
    const event = events.find((e) => e.type === type);
    if (!event) throw new Error(`no ${type}`);
    return event.occurredAt.getTime();
  };

  it('launches an all-or-nothing campaign at its start and fails it at its deadline without pledges', async () => {
    const { campaignId, startsAt, deadline } = await runCampaign('all_or_nothing');
    await waitUntil(async () => (await statusOf(campaignId)) === 'live', { timeoutMs: 5_000, description: 'live' });
    const launchedLate = (await eventTime(campaignId, 'CampaignLaunched')) - startsAt.getTime();
    expect(launchedLate).toBeGreaterThanOrEqual(0);
    expect(launchedLate).toBeLessThan(1_000);

    await waitUntil(async () => (await statusOf(campaignId)) === 'failed', { timeoutMs: 5_000, description: 'failed' });
    const closedLate = (await eventTime(campaignId, 'CampaignFailed')) - deadline.getTime();
    expect(closedLate).toBeGreaterThanOrEqual(0);
    expect(closedLate).toBeLessThan(1_000);
  });

  it('ends a keep-it-all campaign at its deadline', async () => {
    const { campaignId } = await runCampaign('keep_it_all');
    await waitUntil(async () => (await statusOf(campaignId)) === 'ended', { timeoutMs: 8_000, description: 'ended' });
  });

  it('never closes a cancelled campaign', async () => {
    const { campaignId, deadline } = await runCampaign('all_or_nothing');
    await waitUntil(async () => (await statusOf(campaignId)) === 'live', { timeoutMs: 5_000, description: 'live' });
    await campaigns.execute({ type: 'CancelCampaign', data: { campaignId, reason: 'Le lieu a fermé.' }, metadata: { actor: asHolder().actor, roles: asHolder().roles } });
    await waitUntil(
      async () => (await pool.query(`SELECT status FROM ${store.schema}.scheduled_commands WHERE subject_id = $1 AND kind = 'close'`, [campaignId])).rows[0]?.status === 'cancelled',
      { timeoutMs: 5_000, description: 'the close is unscheduled' },
    );
    // Past the deadline, nothing has closed it.
    await waitUntil(() => Date.now() > deadline.getTime() + 1_000, { timeoutMs: 6_000, description: 'the deadline is well past' });
    expect(await statusOf(campaignId)).toBe('cancelled');
  });
});
