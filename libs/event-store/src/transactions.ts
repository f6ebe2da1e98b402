import type { Pool, PoolClient } from 'pg';

/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
export const inTransaction = async <T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

export interface SchemaMigration {
  /** Stable and ordered: `0001-events`, `0002-…`. Never edited once released. */
  readonly id: string;
  readonly sql: string;
}

/**
 * Creates a schema and applies its pending migrations, in order, recording each in
 * `<schema>.schema_migrations`. Several replicas may start at once: an advisory lock on the
 * schema serialises them. `after` runs in the same transaction (grants, for instance).
 * The schema name must have been checked by the caller: identifiers cannot be bind parameters.
 */
export const migrateSchema = (
  pool: Pool,
  schema: string,
  migrations: readonly SchemaMigration[],
  after?: (client: PoolClient) => Promise<void>,
): Promise<void> =>
  inTransaction(pool, async (client) => {
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
