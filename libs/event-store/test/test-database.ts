import { Pool } from 'pg';
import { randomBytes } from 'node:crypto';
import { PostgresEventStore, type EventStoreOptions } from '../src';

/** A pool on this test run's database and a schema no other test file uses. */
export const openTestStore = async (
  options: Partial<EventStoreOptions> = {},
  poolSize = 10,
): Promise<{ pool: Pool; store: PostgresEventStore; schema: string; dispose(): Promise<void> }> => {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set: run tests through Jest (its global setup provides it)');
  const pool = new Pool({ connectionString, max: poolSize });
  const schema = `es_test_${randomBytes(4).toString('hex')}`;
  const store = await PostgresEventStore.open(pool, { schema, ...options });
  return {
    pool,
    store,
    schema,
    async dispose() {
      await store.close();
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      await pool.end();
    },
  };
};
