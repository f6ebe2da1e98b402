import { Client } from 'pg';
import { reasonOf } from './mask-url';

/** Where PostgreSQL is looked for when `DATABASE_URL` is not set. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The outcome of asking a server whether it can be used. */
export type Probe = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Whether a PostgreSQL server at `url` accepts a connection and answers `select 1`. A real
 * round trip rather than a port check, so a server that refuses our credentials is "not usable"
 * with the server's own explanation.
 */
export async function probePostgres(url: string, timeoutMs: number): Promise<Probe> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  // A connection that dies after connect emits 'error'; unhandled, it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs `work` with a client connected to `url`, then closes it. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
