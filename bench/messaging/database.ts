/**
 * The run's database: a fresh `elan_bench_<random>` on the server of DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), dropped at the end of the run. Both services
 * live in it, each in its schema.
 */
import { createTestDatabase, dropTestDatabase } from '@elan/testing';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database, ending whatever sessions are left (FORCE). */
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const adminUrl = process.env['DATABASE_URL'] ?? DEFAULT_URL;
  const { name, url } = await createTestDatabase(adminUrl, 'elan_bench');
  let dropped: Promise<void> | undefined;
  return {
    name,
    url,
    drop: () => (dropped ??= dropTestDatabase(adminUrl, name)),
  };
}
