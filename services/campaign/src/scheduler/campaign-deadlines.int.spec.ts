import type { Pool } from 'pg';
import { uuidv7 } from '@elan/domain-kernel';
import { PostgresEventStore, runMigrations, type Subscription } from '@elan/event-store';
import { manualClock, openTestStore, waitUntil, type TestStore } from '@elan/testing';
import { TEST_CAMPAIGN_RULES, createCampaignDecider, type CampaignState, type FundingModel } from '../campaign';
import { campaignFixtures } from '../campaign/testing';
import { CampaignApplication } from '../application/campaign-application';
import { campaignDeadlineHandlers } from './campaign-deadlines';
import { campaignScheduleProjection } from './campaign-schedule.projection';
import { DurableScheduler } from './durable-scheduler';
import { scheduleMigrations } from './scheduled-commands';

const { asHolder, asModerator, createCampaign } = campaignFixtures;

/**
 * Deadlines that hold, with the real scheduler, projection and event store: a campaign is
 * launched at its start and stops taking pledges at its deadline, then decides its outcome on
 * the pledge service's tally (ADR 0008; the consumer that brings the tally is tested with the
 * service, `campaign-service.pledges.int.spec.ts`). Time is a manual clock, moved to the
 * instant under test, so "on time" is an exact equality instead of a bound on latency.
 */
describe('a campaign’s start and deadline (real PostgreSQL, manual clock)', () => {
  const clock = manualClock(new Date('2026-12-01T10:00:00.000Z'));
  /** Moves the clock to `instant` and wakes the scheduler, which otherwise sleeps until then. */
  const moveTo = (instant: Date): void => {
    clock.advance(instant.getTime() - clock.now().getTime());
    scheduler.nudge();
  };
  let pool: Pool;
  let store: PostgresEventStore;
  let campaigns: CampaignApplication;
  let projection: Subscription;
  let scheduler: DurableScheduler;
  let database: TestStore<PostgresEventStore>;

  beforeAll(async () => {
    database = await openTestStore((pool, schema) => PostgresEventStore.open(pool, { schema }), { prefix: 'deadlines' });
    ({ pool, store } = database);
    await runMigrations(pool, store.schema, [scheduleMigrations]);
    campaigns = new CampaignApplication(store, createCampaignDecider(TEST_CAMPAIGN_RULES), clock);
    scheduler = new DurableScheduler({
      pool,
      schema: store.schema,
      clock,
      handlers: campaignDeadlineHandlers(campaigns),
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
    const startsAt = new Date(clock.now().getTime() + 2_000);
    const deadline = new Date(startsAt.getTime() + 2_000);
    const { metadata: _m, ...create } = createCampaign({
      campaignId,
      fundingModel,
      startsAt: startsAt.toISOString(),
      deadline: deadline.toISOString(),
      stretchGoals: [],
    });
    const holder = { actor: asHolder().actor, roles: asHolder().roles };
    const moderator = { actor: asModerator().actor, roles: asModerator().roles };
    await campaigns.execute({ ...create, metadata: holder });
    await campaigns.execute({ type: 'SubmitCampaign', data: { campaignId }, metadata: holder });
    await campaigns.execute({ type: 'ApproveCampaign', data: { campaignId }, metadata: moderator });
    return { campaignId, startsAt, deadline };
  };
  const statusOf = async (campaignId: string): Promise<CampaignState['status']> => (await campaigns.load(campaignId)).status;
  /**
   * Until the campaign is `status`. A scheduled command that failed is reported at once: on a
   * manual clock its retry, due after a back-off, would never come.
   */
  const untilStatus = (campaignId: string, status: CampaignState['status']) =>
    waitUntil(
      async () => {
        const failed = await pool.query<{ kind: string; last_error: string }>(
          `SELECT kind, last_error FROM ${store.schema}.scheduled_commands WHERE subject_id = $1 AND last_error IS NOT NULL`,
          [campaignId],
        );
        const failure = failed.rows[0];
        if (failure) throw new Error(`the scheduled ${failure.kind} failed: ${failure.last_error}`);
        return (await statusOf(campaignId)) === status;
      },
      { timeoutMs: 10_000, description: `campaign ${campaignId} is ${status}` },
    );
  /** The time an event of the campaign records: `launchedAt`, `closedAt`… */
  const recordedTime = async (campaignId: string, type: string, field: string): Promise<string> => {
    const events = await store.readStream(`campaign-${campaignId}`);
    const event = events.find((e) => e.type === type);
    if (!event) throw new Error(`no ${type}`);
    return (event.data as Record<string, string>)[field] ?? '';
  };

  /** What the `campaign-pledges` consumer does on `PledgesTallied`. */
  const tally = (campaignId: string, deadline: Date, committed: number, backers: number) =>
    campaigns.execute({
      type: 'RecordPledgeTally',
      data: { campaignId, deadline: deadline.toISOString(), committedTotal: { amount: committed, currency: 'EUR' }, backers },
      metadata: { actor: 'pledge' },
    });

  it('launches an all-or-nothing campaign at its start, closes it at its deadline and fails it on a tally without pledges', async () => {
    const { campaignId, startsAt, deadline } = await runCampaign('all_or_nothing');
    moveTo(startsAt);
    await untilStatus(campaignId, 'live');
    expect(await recordedTime(campaignId, 'CampaignLaunched', 'launchedAt')).toBe(startsAt.toISOString());

    moveTo(deadline);
    await untilStatus(campaignId, 'closing');
    expect(await recordedTime(campaignId, 'CampaignDeadlineReached', 'reachedAt')).toBe(deadline.toISOString());

    clock.advance(5 * 60_000); // the pledge service's grace period for webhooks in flight
    await tally(campaignId, deadline, 0, 0);
    expect(await statusOf(campaignId)).toBe('failed');
    expect(await recordedTime(campaignId, 'CampaignFailed', 'closedAt')).toBe(deadline.toISOString());
  });

  it('ends a keep-it-all campaign on its tally after the deadline, and only once', async () => {
    const { campaignId, startsAt, deadline } = await runCampaign('keep_it_all');
    moveTo(startsAt);
    await untilStatus(campaignId, 'live');
    // A tally before the deadline was recorded changes nothing.
    await tally(campaignId, deadline, 1_000, 1);
    expect(await statusOf(campaignId)).toBe('live');
    moveTo(deadline);
    await untilStatus(campaignId, 'closing');
    await tally(campaignId, deadline, 12_000, 3);
    await tally(campaignId, deadline, 99_000, 9);
    const outcomes = (await store.readStream(`campaign-${campaignId}`)).filter((e) => e.type === 'CampaignEnded');
    expect(outcomes.map((e) => e.data)).toEqual([
      expect.objectContaining({ committedTotal: { amount: 12_000, currency: 'EUR' }, backers: 3 }),
    ]);
  });

  it('never closes a cancelled campaign', async () => {
    // A control campaign with the same deadline shows when the scheduler has passed it.
    const [{ campaignId, startsAt, deadline }, control] = await Promise.all([
      runCampaign('all_or_nothing'),
      runCampaign('all_or_nothing'),
    ]);
    moveTo(startsAt);
    await untilStatus(campaignId, 'live');
    await campaigns.execute({
      type: 'CancelCampaign',
      data: { campaignId, reason: 'Le lieu a fermé.' },
      metadata: { actor: asHolder().actor, roles: asHolder().roles },
    });
    await waitUntil(
      async () =>
        (
          await pool.query(`SELECT status FROM ${store.schema}.scheduled_commands WHERE subject_id = $1 AND kind = 'close'`, [
            campaignId,
          ])
        ).rows[0]?.status === 'cancelled',
      { timeoutMs: 5_000, description: 'the close is unscheduled' },
    );
    // Past the deadline, the control is closing, and nothing has closed the cancelled one.
    moveTo(deadline);
    await untilStatus(control.campaignId, 'closing');
    expect(await statusOf(campaignId)).toBe('cancelled');
  });
});
