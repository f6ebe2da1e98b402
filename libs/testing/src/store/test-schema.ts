import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

/** A pool on this test run's database, and a schema no other test file uses. */
export interface TestSchema {
  readonly pool: Pool;
  readonly schema: string;
  /**
   * Creates one more schema on the same pool (a consumer's beside a publisher's), dropped at
   * dispose with the first; answers its name.
   */
  addSchema(prefix?: string): Promise<string>;
  /** Runs `cleanup` at dispose, before the schema is dropped (last registered, first run). */
  onDispose(cleanup: () => Promise<unknown> | unknown): void;
  /** Runs the cleanups, drops the schema with all it holds, and ends the pool. */
  dispose(): Promise<void>;
}

export interface TestSchemaOptions {
  /** The schema name's prefix, to tell a test's leftovers apart: `sched` gives `sched_1a2b3c4d`. */
  readonly prefix?: string;
  /** Connections in the pool; 10 unless given. */
  readonly poolSize?: number;
  /** Creates the schema now; otherwise whatever opens it first (a store, a migration) does. */
  readonly create?: boolean;
}

/** The database the Jest global setup made for this run. */
export const testDatabaseUrl = (): string => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run tests through Jest (its global setup provides it)');
  return url;
};

/** A fresh schema name: plain lowercase, so it needs no quoting. */
export const uniqueSchemaName = (prefix = 'test'): string => `${prefix}_${randomBytes(4).toString('hex')}`;

/**
 * A pool and a schema of one's own, for a spec that needs PostgreSQL: dispose drops the schema,
 * so test files never see each other's tables and leave nothing behind.
 */
export const openTestSchema = async (options: TestSchemaOptions = {}): Promise<TestSchema> => {
  const pool = new Pool({ connectionString: testDatabaseUrl(), max: options.poolSize ?? 10 });
  const schema = uniqueSchemaName(options.prefix);
  const schemas = [schema];
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  if (options.create) await pool.query(`CREATE SCHEMA ${schema}`);
  return {
    pool,
    schema,
    async addSchema(prefix) {
      const added = uniqueSchemaName(prefix);
      schemas.push(added);
      await pool.query(`CREATE SCHEMA ${added}`);
      return added;
    },
    onDispose: (cleanup) => void cleanups.unshift(cleanup),
    async dispose() {
      try {
        for (const cleanup of cleanups) await cleanup();
      } finally {
        await pool.query(`DROP SCHEMA IF EXISTS ${schemas.join(', ')} CASCADE`).catch(() => undefined);
        await pool.end();
      }
    },
  };
};
