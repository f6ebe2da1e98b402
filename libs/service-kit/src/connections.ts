import { Logger } from '@nestjs/common';
import { connect, type ConnectionOptions, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { natsPeerOptions, reasonOf, withTimeout } from '@elan/messaging';
import { hostOf } from './host-of';

/** Connections of a service's pool unless its configuration says otherwise. */
export const DEFAULT_POOL_SIZE = 10;

export interface PoolOptions {
  readonly url: string;
  /** `elan-<owner>`, as PostgreSQL's `application_name`: who holds a connection shows in pg_stat_activity. */
  readonly owner: string;
  readonly size?: number;
  /** A database that is down must fail start-up, requests and health checks fast, not hang them. */
  readonly connectionTimeoutMs?: number;
}

/**
 * A service's pool of PostgreSQL connections. A rush queues in Node for a free connection
 * rather than opening hundreds in PostgreSQL.
 */
export function openPostgresPool({ url, owner, size, connectionTimeoutMs }: PoolOptions): Pool {
  const pool = new Pool({
    connectionString: url,
    max: size ?? DEFAULT_POOL_SIZE,
    application_name: `elan-${owner}`,
    connectionTimeoutMillis: connectionTimeoutMs ?? 5_000,
  });
  // An idle connection that breaks (server restart) emits 'error'; unhandled, it would crash.
  pool.on('error', (error) => new Logger(owner).warn(`an idle PostgreSQL connection failed: ${error.message}`));
  return pool;
}

/** Resolves when the database answers `select 1` within `timeoutMs`. */
export async function pingPostgres(pool: Pool, timeoutMs: number): Promise<void> {
  await withTimeout(pool.query('select 1'), timeoutMs, `PostgreSQL did not answer within ${timeoutMs} ms`);
}

export interface NatsOptions {
  readonly url: string;
  /** The NATS user (ADR 0011): its NKey and its own inboxes. */
  readonly peer: string;
  readonly seed?: string | undefined;
  readonly timeoutMs?: number;
}

/** The options of every connection a peer opens to NATS. */
export function natsConnectionOptions({ url, peer, seed, timeoutMs }: NatsOptions): ConnectionOptions {
  return {
    servers: url,
    name: `elan-${peer}`,
    ...natsPeerOptions(peer, seed),
    // No async stack trace per request or publish: measured at about 30 % of the publisher's
    // CPU per message in bench/messaging, for traces our own errors already carry.
    noAsyncTraces: true,
    timeout: timeoutMs ?? 5_000,
    // Once open, the client reconnects by itself for as long as the process runs.
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
  };
}

/** Opens a peer's NATS connection now, or fails naming the host (never the credentials). */
export async function connectNats(options: NatsOptions): Promise<NatsConnection> {
  const connection = await connect(natsConnectionOptions(options)).catch((error: unknown) => {
    throw new Error(`NATS at ${hostOf(options.url)} is not reachable: ${reasonOf(error)}`, { cause: error });
  });
  void connection.closed().then((error) => {
    if (error) new Logger(options.peer).error(`the NATS connection closed on an error: ${reasonOf(error)}`);
  });
  return connection;
}
