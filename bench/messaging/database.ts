/**
 * The run's database: a fresh `elan_bench_<random>` on the server of DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), dropped at the end of the run. Both services
 * live in it, each in its schema.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  /**
   * Drops the database once its sessions are gone (a pool's `end()` resolves before the server
   * has seen its connections close; FORCE then ends whatever is left).
   */
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const adminUrl = process.env['DATABASE_URL'] ?? DEFAULT_URL;
  const name = `elan_bench_${randomBytes(4).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    name,
    url: url.toString(),
    drop: () =>
      (dropped ??= withClient(adminUrl, async (client) => {
        const deadline = Date.now() + 3_000;
        while (Date.now() < deadline) {
          const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if ((rows[0]?.n ?? 0) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      })),
  };
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
