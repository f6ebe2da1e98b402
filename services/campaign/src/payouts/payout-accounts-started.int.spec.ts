import { payoutAccountOpened, type PayloadOf } from '@elan/contracts';
import { fold, IllegalStateError } from '@elan/domain-kernel';
import { inTransaction, runMigrations } from '@elan/event-store';
import type { EnvelopeHeaders } from '@elan/messaging';
import { openTestSchema, type TestSchema } from '@elan/testing';
import { campaignDecider } from '../campaign/campaign.decider';
import { aDraft, aSubmittedCampaign, HOLDER_ID, STRANGER_ID } from '../campaign/campaign.fixtures';
import { payoutAccountHandlers, payoutAccountsStartedMigrations, SubmissionGate } from './payout-accounts-started';

const draft = fold(campaignDecider, aDraft());
const opened = (holderId: string): PayloadOf<typeof payoutAccountOpened> => ({
  holderId,
  stripeAccountId: 'acct_1QxYz2AbCdEf',
  openedAt: '2026-11-03T09:00:00.000Z',
});

/** The campaign's side of issue #11's gate, on PostgreSQL: the holders it learnt of, and the check on submission. */
describe('the submission gate', () => {
  let database: TestSchema;

  beforeAll(async () => {
    database = await openTestSchema({ prefix: 'campaign_payouts', poolSize: 2 });
    await runMigrations(database.pool, database.schema, [payoutAccountsStartedMigrations]);
  });
  afterAll(() => database?.dispose());

  /** `PayoutAccountOpened` delivered to the consumer's handler, in a transaction as the inbox runs it. */
  const record = (holderId: string) =>
    inTransaction(database.pool, async (client) => {
      for (const handler of payoutAccountHandlers(database.schema))
        await handler.handle(opened(holderId), { client, envelope: {} as EnvelopeHeaders });
    });

  it('refuses the holder’s submission while no payout account is known, naming why', async () => {
    const gate = new SubmissionGate(database.pool, database.schema, true);
    await expect(gate.check(draft, HOLDER_ID)).rejects.toThrow(IllegalStateError);
    await expect(gate.check(draft, HOLDER_ID)).rejects.toThrow(/payout account/);
  });

  it('lets the submission through once PayoutAccountOpened is recorded, and records it once however often it comes', async () => {
    const gate = new SubmissionGate(database.pool, database.schema, true);
    await record(HOLDER_ID);
    await record(HOLDER_ID);

    await expect(gate.check(draft, HOLDER_ID)).resolves.toBeUndefined();
    const { rows } = await database.pool.query(
      `SELECT holder_id FROM ${database.schema}.holders_with_payout_account WHERE holder_id = $1`,
      [HOLDER_ID],
    );
    expect(rows).toHaveLength(1);
  });

  it('leaves to the decider a stranger’s submission and a campaign no longer a draft', async () => {
    const gate = new SubmissionGate(database.pool, database.schema, true);
    await expect(gate.check(draft, STRANGER_ID)).resolves.toBeUndefined();
    await expect(gate.check(fold(campaignDecider, aSubmittedCampaign()), STRANGER_ID)).resolves.toBeUndefined();
  });

  it('lets everything through when the configuration does not require an account', async () => {
    const gate = new SubmissionGate(database.pool, database.schema, false);
    const withoutAccount = fold(campaignDecider, aDraft({ holderId: STRANGER_ID }));
    await expect(gate.check(withoutAccount, STRANGER_ID)).resolves.toBeUndefined();
    expect(await gate.hasPayoutAccount(STRANGER_ID)).toBe(false);
  });
});
