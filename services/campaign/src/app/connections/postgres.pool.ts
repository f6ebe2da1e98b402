import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import type { CampaignConfig } from '../campaign.config';

const logger = new Logger('CampaignPostgres');

/** Connections of each pool unless `CampaignConfig.poolSize` says otherwise. */
export const DEFAULT_POOL_SIZE = 10;

/**
 * The pool of the event store, the tier stock, the scheduler and the subscriptions. Tier
 * reservations hold a connection while they queue for a tier's lock (ADR 0007), so a rush
 * queues in Node for a free connection rather than opening hundreds in PostgreSQL.
 */
export function openPostgresPool(config: CampaignConfig): Pool {
  const pool = new Pool({
    connectionString: config.databaseUrl,
    max: config.poolSize ?? DEFAULT_POOL_SIZE,
    application_name: 'elan-campaign',
    // A database that is down must fail start-up and requests fast, not hang them.
    connectionTimeoutMillis: 5_000,
  });
  // An idle connection that breaks (server restart) emits 'error'; unhandled, it would crash.
  pool.on('error', (error) => logger.warn(`an idle PostgreSQL connection failed: ${error.message}`));
  return pool;
}
