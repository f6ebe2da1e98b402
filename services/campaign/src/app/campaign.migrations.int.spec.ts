import type { Pool } from 'pg';
import { runMigrations, eventStoreMigrations } from '@elan/event-store';
import { openTestSchema, type TestSchema } from '@elan/testing';
import { readModelMigrations } from '../read-models/read-model.migrations';
import { CAMPAIGN_MIGRATIONS, migrateCampaignSchema } from './campaign.migrations';

/**
 * How the campaign service made its tables before the one runner (ADR 0015), verbatim: the
 * event store through its migrations, the rest by idempotent DDL at start-up with no record of
 * it. (The read models' DDL is word for word the first step of `readModelMigrations`.)
 */
const makeTablesTheOldWay = async (pool: Pool, s: string): Promise<void> => {
  await runMigrations(pool, s, [eventStoreMigrations]);
  await pool.query(`
    CREATE TABLE IF NOT EXISTS ${s}.scheduled_commands (
      id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
      kind        text        NOT NULL,
      subject_id  text        NOT NULL,
      due_at      timestamptz NOT NULL,
      status      text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'cancelled')),
      attempts    integer     NOT NULL DEFAULT 0,
      last_error  text,
      done_at     timestamptz,
      UNIQUE (kind, subject_id)
    )`);
  await pool.query(
    `CREATE INDEX IF NOT EXISTS scheduled_commands_due ON ${s}.scheduled_commands (due_at) WHERE status = 'pending'`,
  );
  await pool.query(
    `CREATE TABLE IF NOT EXISTS ${s}.outbox_heads (stream_id text PRIMARY KEY, last_published_position bigint NOT NULL)`,
  );
  for (const step of readModelMigrations(s)) await pool.query(step.sql);
};

describe('the campaign service’s migrations (real PostgreSQL)', () => {
  let database: TestSchema;
  let pool: Pool;

  /** Every column and index of a schema, with the schema's name taken out. */
  const shapeOf = async (schema: string): Promise<unknown[]> => {
    const columns = await pool.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default, generation_expression
       FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, column_name`,
      [schema],
    );
    const indexes = await pool.query(
      `SELECT indexname, replace(indexdef, $1, 'S') AS def FROM pg_indexes WHERE schemaname = $2 ORDER BY indexname`,
      [`${schema}.`, schema],
    );
    return [...columns.rows, ...indexes.rows];
  };
  const applied = async (schema: string): Promise<string[]> =>
    (await pool.query<{ id: string }>(`SELECT id FROM ${schema}.schema_migrations`)).rows.map((row) => row.id).sort();
  const everyId = (schema: string): string[] =>
    CAMPAIGN_MIGRATIONS.flatMap((steps) => steps(schema).map((step) => step.id)).sort();

  beforeAll(async () => {
    database = await openTestSchema({ prefix: 'campaign_mig', poolSize: 8 });
    ({ pool } = database);
  });
  afterAll(() => database.dispose());

  it('upgrade a schema made by the code before them: rows kept, every step recorded, the same tables as a new schema', async () => {
    const old = await database.addSchema('campaign_mig');
    await makeTablesTheOldWay(pool, old);
    await pool.query(`INSERT INTO ${old}.scheduled_commands (kind, subject_id, due_at) VALUES ('close', 'campaign-1', now())`);
    await pool.query(`INSERT INTO ${old}.outbox_heads (stream_id, last_published_position) VALUES ('campaign-1', 3)`);

    await migrateCampaignSchema(pool, old);

    expect(await applied(old)).toEqual(everyId(old));
    expect((await pool.query(`SELECT subject_id FROM ${old}.scheduled_commands`)).rows).toEqual([{ subject_id: 'campaign-1' }]);
    expect((await pool.query(`SELECT last_published_position FROM ${old}.outbox_heads`)).rows).toEqual([
      { last_published_position: '3' },
    ]);
    const fresh = await database.addSchema('campaign_mig');
    await migrateCampaignSchema(pool, fresh);
    expect(await shapeOf(old)).toEqual(await shapeOf(fresh));
  });

  it('make every table of a new schema once, however many replicas start together', async () => {
    // The kit's own schema, not made yet: the replicas' migrations make it.
    const { schema } = database;
    await Promise.all(Array.from({ length: 4 }, () => migrateCampaignSchema(pool, schema)));
    expect(await applied(schema)).toEqual(everyId(schema));
    const tables = await pool.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = $1`, [schema]);
    expect(tables.rows.map((row) => row.tablename).sort()).toEqual([
      'checkpoints',
      'events',
      'holders_with_payout_account',
      'inbox',
      'inbox_streams',
      'outbox_heads',
      'pledge_totals',
      'read_campaign_stretch_goals',
      'read_campaign_tiers',
      'read_campaign_updates',
      'read_campaigns',
      'read_tier_holds',
      'scheduled_commands',
      'schema_migrations',
    ]);
  });
});
