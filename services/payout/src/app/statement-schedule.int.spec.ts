import { eur, manualClock, uuidv7 } from '@elan/domain-kernel';
import { inTransaction, PostgresEventStore } from '@elan/event-store';
import { openTestSchema, type TestSchema } from '@elan/testing';
import type { PayoutLedgerCommand } from '../ledger';
import { migratePayoutSchema } from './payout.migrations';
import { PayoutStatements } from './payout-statements';
import { MONTHLY } from './statement-schedule';

/**
 * The keep-it-all schedule on PostgreSQL, the clock in the test's hands: statements fall due on
 * the 1st of the month (UTC) after the campaign's first fact, then a month after the last one,
 * only when something is due; each is drawn once, whatever the passes. No Stripe: drawing needs none.
 */
describe('keep-it-all statements on a schedule', () => {
  let database: TestSchema;
  let store: PostgresEventStore;
  let statements: PayoutStatements;
  const clock = manualClock(new Date('2026-03-10T12:00:00.000Z'));

  beforeAll(async () => {
    database = await openTestSchema({ prefix: 'payout_schedule', poolSize: 3 });
    await migratePayoutSchema(database.pool, database.schema);
    store = await PostgresEventStore.open(database.pool, { schema: database.schema });
    statements = new PayoutStatements(store, undefined, clock, {
      interval: MONTHLY,
      retryBaseMs: 1_000,
      retryMaxMs: 1_000,
      accountRecheckMs: 1_000,
    });
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  const record = (campaignId: string, commands: (now: Date) => PayoutLedgerCommand[]) =>
    inTransaction(database.pool, (client) => statements.record(campaignId, commands, client));
  const charge = (campaignId: string, amount: number) =>
    record(campaignId, (now) => [
      {
        type: 'RecordCharge',
        data: {
          campaignId,
          pledgeId: uuidv7(),
          amount: eur(amount),
          paymentIntentId: `pi_${uuidv7().replace(/-/g, '')}`,
          chargedAt: now.toISOString(),
        },
        metadata: { now },
      },
    ]);
  const statementsOf = async (campaignId: string) =>
    (
      await database.pool.query<{ sequence: number; trigger: string; net_due: string; drawn_at: Date }>(
        `SELECT sequence, view->>'trigger' AS trigger, view->'lines'->'netDue'->>'amount' AS net_due, drawn_at
         FROM ${database.schema}.statements WHERE campaign_id = $1 ORDER BY sequence`,
        [campaignId],
      )
    ).rows.map((r) => [r.sequence, r.trigger, Number(r.net_due), r.drawn_at.toISOString()]);

  it('draws on the 1st of the month when a balance is due, once, and not again until the next month', async () => {
    const campaignId = uuidv7();
    const holderId = uuidv7();
    await record(campaignId, (now) => [
      { type: 'RecordCampaign', data: { campaignId, holderId, fundingModel: 'keep_it_all', currency: 'EUR' }, metadata: { now } },
    ]);
    await charge(campaignId, 3_000);

    await statements.drawDue();
    expect(await statementsOf(campaignId)).toEqual([]);

    clock.advance(Date.parse('2026-04-01T00:00:00.000Z') - clock.now().getTime()); // the 1st, 00:00 UTC
    await statements.drawDue();
    await statements.drawDue();
    expect(await statementsOf(campaignId)).toEqual([[1, 'schedule', 3_000, '2026-04-01T00:00:00.000Z']]);

    await charge(campaignId, 1_200);
    clock.advance(20 * 86_400_000); // April 21st: the next is due on May 1st
    await statements.drawDue();
    expect(await statementsOf(campaignId)).toHaveLength(1);

    clock.advance(Date.parse('2026-05-01T00:00:00.000Z') - clock.now().getTime());
    await statements.drawDue();
    expect(await statementsOf(campaignId)).toEqual([
      [1, 'schedule', 3_000, '2026-04-01T00:00:00.000Z'],
      [2, 'schedule', 1_200, '2026-05-01T00:00:00.000Z'],
    ]);
  });

  it('draws nothing when nothing is due, and never for a campaign whose launch has not arrived', async () => {
    const quiet = uuidv7();
    await record(quiet, (now) => [
      {
        type: 'RecordCampaign',
        data: { campaignId: quiet, holderId: uuidv7(), fundingModel: 'keep_it_all', currency: 'EUR' },
        metadata: { now },
      },
    ]);
    const unknown = uuidv7();
    await charge(unknown, 500); // its CampaignLaunched is still on its way
    clock.advance(62 * 86_400_000);
    await statements.drawDue();
    expect(await statementsOf(quiet)).toEqual([]);
    expect(await statementsOf(unknown)).toEqual([]);
  });
});
