import { Pool } from 'pg';
import { migrateSchema } from '@elan/event-store';
import { testConfig, testSchema } from '../test/test-gateway';
import { ExpiredRowsSweeper } from './expired-rows.sweeper';
import { GatewayDatabase } from './gateway-database';
import { gatewayMigrations } from './gateway-schema.migrations';

describe('the gateway schema', () => {
  let pool: Pool;

  beforeAll(() => {
    pool = new Pool({ connectionString: testConfig('unused').databaseUrl });
  });
  afterAll(() => pool.end());

  it('is migrated once even by replicas starting together, and again harmlessly', async () => {
    const schema = testSchema('migrations');
    const replicas = Array.from({ length: 4 }, () => new GatewayDatabase(pool, schema));

    await Promise.all(replicas.map((db) => db.ready()));
    await new GatewayDatabase(pool, schema).ready();

    const { rows } = await pool.query<{ id: string }>(`SELECT id FROM ${schema}.schema_migrations ORDER BY id`);
    expect(rows.map((row) => row.id)).toEqual([
      '0001-accounts',
      '0001-events',
      '0002-idempotency-records',
      '0002-log-order-key',
      '0003-rate-limit-windows',
      '0004-signing-keys',
      '0005-normalised-emails',
      '0006-forget-anonymous-idempotency-records',
      '0007-account-languages',
      'outbox/0001-heads',
    ]);
  });

  it('backfills the normalised e-mail of existing accounts, unique from then on', async () => {
    const schema = testSchema('backfill');
    await migrateSchema(pool, schema, gatewayMigrations(schema).slice(0, 3));
    await pool.query(`INSERT INTO ${schema}.accounts (id, email, password_hash, display_name)
      VALUES ('0190a0d2-7a5b-7c3e-8f00-000000000001', 'Ada.Lovelace@Example.ORG', 'h', 'Ada')`);

    await new GatewayDatabase(pool, schema).ready();

    const { rows } = await pool.query<{ email: string; email_normalised: string }>(
      `SELECT email, email_normalised FROM ${schema}.accounts`,
    );
    expect(rows).toEqual([{ email: 'Ada.Lovelace@Example.ORG', email_normalised: 'ada.lovelace@example.org' }]);
    await expect(
      pool.query(`INSERT INTO ${schema}.accounts (id, email, email_normalised, password_hash, display_name)
        VALUES ('0190a0d2-7a5b-7c3e-8f00-000000000002', 'ada.lovelace@example.org', 'ada.lovelace@example.org', 'h', 'A')`),
    ).rejects.toThrow(/duplicate key/);
  });

  it('refuses a schema name that could inject SQL', () => {
    expect(() => new GatewayDatabase(pool, 'gateway; DROP TABLE x')).toThrow(/must match/);
  });

  it('tries the migrations again after a failure instead of keeping it', async () => {
    const schema = testSchema('retry');
    // A table in the way makes the first migration fail, as an unreachable database would.
    await pool.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.accounts (in_the_way int)`);
    const db = new GatewayDatabase(pool, schema);
    await expect(db.ready()).rejects.toThrow(/already exists/);

    await pool.query(`DROP TABLE ${schema}.accounts`);

    await expect(db.ready()).resolves.toBeUndefined();
    await expect(db.query(`SELECT count(*) FROM ${schema}.accounts`)).resolves.toBeDefined();
  });

  it('sweeps expired rows and keeps live ones', async () => {
    const db = new GatewayDatabase(pool, testSchema('sweep'));
    const s = db.schema;
    await db.query(`INSERT INTO ${s}.revoked_tokens (jti, expires_at) VALUES
      ('0190a0d2-7a5b-7c3e-8f00-000000000001', now() - interval '1 second'),
      ('0190a0d2-7a5b-7c3e-8f00-000000000002', now() + interval '1 hour')`);
    await db.query(`INSERT INTO ${s}.idempotency_records
        (scope, key, fingerprint, claim_id, state, lease_expires_at, expires_at) VALUES
      ('anonymous', 'old', 'f', gen_random_uuid(), 'completed', now(), now() - interval '1 second'),
      ('anonymous', 'new', 'f', gen_random_uuid(), 'completed', now(), now() + interval '1 hour')`);
    await db.query(`INSERT INTO ${s}.rate_limit_windows (key, hits, ends_at) VALUES
      ('old', 1, now() - interval '1 second'), ('new', 1, now() + interval '1 minute')`);

    await new ExpiredRowsSweeper(db).sweep();

    const left = await db.query<{ what: string }>(`
      SELECT jti::text AS what FROM ${s}.revoked_tokens
      UNION ALL SELECT key FROM ${s}.idempotency_records
      UNION ALL SELECT key FROM ${s}.rate_limit_windows ORDER BY 1`);
    expect(left.rows.map((row) => row.what)).toEqual(['0190a0d2-7a5b-7c3e-8f00-000000000002', 'new', 'new']);
  });
});
