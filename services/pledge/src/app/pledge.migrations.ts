import type { Pool } from 'pg';
import { eventStoreMigrations, runMigrations, type MigrationSteps } from '@elan/event-store';
import { inboxMigrations, outboxMigrations } from '@elan/messaging';
import { personalDataMigrations } from '@elan/personal-data';
import { transparencyMigrations } from '@elan/transparency';
import { paymentFactsMigrations } from '../read-models/payment-facts.migrations';
import { pledgeViewMigrations } from '../read-models/pledge-view.migrations';

/**
 * Every table the pledge service owns, in the order they are made (ADR 0015): the event log and
 * checkpoints, the outbox heads, the inbox of its two consumers, the personal-data keys
 * (ADR 0022), its views, its signed checkpoints (ADR 0025), and the index of its paid pledges
 * the reconciliation pages through.
 */
export const PLEDGE_MIGRATIONS: readonly MigrationSteps[] = [
  eventStoreMigrations,
  outboxMigrations,
  inboxMigrations,
  personalDataMigrations,
  pledgeViewMigrations,
  transparencyMigrations,
  paymentFactsMigrations,
];

export const migratePledgeSchema = (pool: Pool, schema: string): Promise<void> => runMigrations(pool, schema, PLEDGE_MIGRATIONS);
