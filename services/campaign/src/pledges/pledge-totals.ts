import type { PoolClient } from 'pg';
import type { Money } from '@elan/domain-kernel';
import type { MigrationSteps } from '@elan/event-store';

/**
 * A campaign's running totals, kept from the pledge service's events by the `campaign-pledges`
 * consumer in its inbox transaction (ADR 0005): each event moves them exactly once.
 *
 * This is the consumer's state, not a projection of the campaign log: nothing in the campaign's
 * own events could rebuild it, so `npm run campaign:rebuild-read-models` leaves it alone (it is
 * not one of `READ_MODEL_TABLES`). The catalog's copy in `read_campaigns` is written beside it
 * and seeded from it when the read models are rebuilt.
 */
export const pledgeTotalsMigrations: MigrationSteps = (s) => [
  {
    id: 'pledges/0001-totals',
    sql: `
      CREATE TABLE ${s}.pledge_totals (
        campaign_id uuid        PRIMARY KEY,
        currency    text        NOT NULL,
        committed   bigint      NOT NULL CHECK (committed >= 0),
        raised      bigint      NOT NULL CHECK (raised >= 0),
        backers     integer     NOT NULL CHECK (backers >= 0),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`,
  },
];

/** Amounts in minor units of the campaign's currency; negative when a pledge leaves. */
export interface TotalsChange {
  readonly committed: number;
  readonly raised: number;
  readonly backers: number;
}

export interface PledgeTotals {
  readonly committed: Money;
  readonly raised: Money;
  readonly backers: number;
}

/** Statuses whose committed amount and backers are the final tally's (ADR 0008), not the running totals'. */
const CLOSED_SQL = `('succeeded', 'failed', 'ended')`;

/**
 * Moves a campaign's totals by `change`, with the caller's transaction (the inbox's), then
 * copies them to the campaign's catalog row so the page and the `most_funded` sort see them.
 * Once the campaign closed, its committed amount and backers stay the tally's; what is raised
 * (collections, refunds) still moves. A currency other than the campaign's, or a total going
 * below zero, fails the transaction: the event waits, then goes to the dead letters, for a human.
 */
export const changeTotals = async (
  client: PoolClient,
  schema: string,
  campaignId: string,
  currency: string,
  change: TotalsChange,
): Promise<PledgeTotals> => {
  // The row first, at zero: a change is then one UPDATE, checked as a whole (a delta inserted
  // as a row would be refused by the checks before any conflict is resolved).
  await client.query(
    `INSERT INTO ${schema}.pledge_totals (campaign_id, currency, committed, raised, backers)
     VALUES ($1, $2, 0, 0, 0) ON CONFLICT (campaign_id) DO NOTHING`,
    [campaignId, currency],
  );
  const { rows } = await client.query<{ committed: string; raised: string; backers: number }>(
    `UPDATE ${schema}.pledge_totals SET
       committed = committed + $3, raised = raised + $4, backers = backers + $5, updated_at = now()
     WHERE campaign_id = $1 AND currency = $2
     RETURNING committed, raised, backers`,
    [campaignId, currency, change.committed, change.raised, change.backers],
  );
  const row = rows[0];
  if (!row) throw new Error(`campaign ${campaignId} takes no pledge in ${currency}: its totals are in another currency`);
  const totals = { committed: Number(row.committed), raised: Number(row.raised), backers: row.backers };
  await client.query(
    `UPDATE ${schema}.read_campaigns SET
       raised_amount = $2,
       committed_amount = CASE WHEN status IN ${CLOSED_SQL} THEN committed_amount ELSE $3 END,
       backers = CASE WHEN status IN ${CLOSED_SQL} THEN backers ELSE $4 END
     WHERE campaign_id = $1`,
    [campaignId, totals.raised, totals.committed, totals.backers],
  );
  return {
    committed: { amount: totals.committed, currency },
    raised: { amount: totals.raised, currency },
    backers: totals.backers,
  };
};

/**
 * Seeds a campaign's catalog row from its running totals: the read models call it when they
 * (re)create the row, so a rebuild shows what was pledged. `FOR SHARE` waits for a consumer
 * transaction changing them, so the seed is never older than the last committed change.
 */
export const seedFromTotals = async (
  query: (sql: string, parameters: unknown[]) => Promise<unknown>,
  schema: string,
  campaignId: string,
): Promise<void> => {
  await query(
    `UPDATE ${schema}.read_campaigns AS c SET
       raised_amount = t.raised,
       committed_amount = CASE WHEN c.status IN ${CLOSED_SQL} THEN c.committed_amount ELSE t.committed END,
       backers = CASE WHEN c.status IN ${CLOSED_SQL} THEN c.backers ELSE t.backers END
     FROM (SELECT committed, raised, backers FROM ${schema}.pledge_totals WHERE campaign_id = $1 FOR SHARE) AS t
     WHERE c.campaign_id = $1`,
    [campaignId],
  );
};
