import type { Pool } from 'pg';
import { eventStoreMigrations, runMigrations, type MigrationSteps } from '@elan/event-store';
import { inboxMigrations, outboxMigrations } from '@elan/messaging';
import { personalDataMigrations } from '@elan/personal-data';
import { transparencyMigrations } from '@elan/transparency';
import { pledgeViewMigrations } from '../read-models/pledge-view.migrations';

/**
 * Every table the pledge service owns, in the order they are made (ADR 0015): the event log and
 * checkpoints, the outbox heads, the inbox of its two consumers, the personal-data keys
 * (ADR 0022), its views, and its signed checkpoints (ADR 0025).
 */
export const PLEDGE_MIGRATIONS: readonly MigrationSteps[] = [
  eventStoreMigrations,
  outboxMigrations,
  inboxMigrations,
  personalDataMigrations,
  pledgeViewMigrations,
  transparencyMigrations,
];

export const migratePledgeSchema = (pool: Pool, schema: string): Promise<void> => runMigrations(pool, schema, PLEDGE_MIGRATIONS);
