import type { Pool } from 'pg';
import { eventStoreMigrations, runMigrations, type MigrationSteps } from '@elan/event-store';
import { inboxMigrations } from '@elan/messaging';
import { transparencyMigrations } from '@elan/transparency';
import { payoutViewMigrations } from '../read-models/payout-views.migrations';
import { reconciliationMigrations } from '../reconciliation/reconciliation.migrations';

/**
 * Every table the payout service owns, in the order they are made (ADR 0015): the payout log and
 * its checkpoints (the outbox relay's among them), the inbox of the events it consumes, and its
 * views of campaigns and statements.
 */
export const PAYOUT_MIGRATIONS: readonly MigrationSteps[] = [
  eventStoreMigrations,
  inboxMigrations,
  payoutViewMigrations,
  reconciliationMigrations,
  // The signed checkpoints of the payout ledgers and statements (ADR 0025).
  transparencyMigrations,
];

/** What the service runs once at start-up, before anything reads or writes its schema. */
export const migratePayoutSchema = (pool: Pool, schema: string): Promise<void> => runMigrations(pool, schema, PAYOUT_MIGRATIONS);
