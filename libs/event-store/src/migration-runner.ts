import type { Pool, PoolClient } from 'pg';
import { assertSchemaName } from './schema-name';
import { inTransaction } from './transactions';

export interface SchemaMigration {
  /**
   * Stable and ordered within its library: `0001-events`, `inbox/0001-tables`. Unique across
   * every library a service runs (one bookkeeping table per schema). Never edited once released.
   */
  readonly id: string;
  readonly sql: string;
}

/** A library's migrations for one schema: the name is spliced into the SQL, never bound. */
export type MigrationSteps = (schema: string) => readonly SchemaMigration[];

/**
 * The one way Élan makes tables (ADR 0015). Creates the schema and applies its pending
 * migrations, in order, recording each in `<schema>.schema_migrations`, all in one transaction.
 * Replicas starting together queue on one advisory lock per schema and find the work done.
 * A library's steps run as given; steps already recorded are skipped. `after` runs in the same
 * transaction (grants, for instance).
 */
export const runMigrations = async (
  pool: Pool,
  schema: string,
  steps: readonly MigrationSteps[],
  after?: (client: PoolClient) => Promise<void>,
): Promise<void> => {
  const s = assertSchemaName(schema);
  await migrateSchema(
    pool,
    s,
    steps.flatMap((of) => of(s)),
    after,
  );
};

/** `runMigrations` on migrations already built for `schema` (which the caller has checked). */
export const migrateSchema = (
  pool: Pool,
  schema: string,
  migrations: readonly SchemaMigration[],
  after?: (client: PoolClient) => Promise<void>,
): Promise<void> => {
  const ids = migrations.map((migration) => migration.id);
  const twice = ids.find((id, index) => ids.indexOf(id) !== index);
  // Two libraries claiming one id would see each other's step as applied: refuse before any SQL.
  if (twice) return Promise.reject(new Error(`migration id "${twice}" is given twice for schema ${schema}`));
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`elan-migrations:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = await client.query<{ id: string }>(`SELECT id FROM ${schema}.schema_migrations`);
    const done = new Set(applied.rows.map((row) => row.id));
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${schema}.schema_migrations (id) VALUES ($1)`, [migration.id]);
    }
    await after?.(client);
  });
};
