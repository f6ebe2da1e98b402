import type { Pool } from 'pg';
import { eventStoreMigrations, runMigrations, type MigrationSteps } from '@elan/event-store';
import { inboxMigrations } from '@elan/messaging';
import { transparencyMigrations } from '@elan/transparency';
import { tipLedgerMigrations } from '../ledger/tip-ledger.migrations';
import { tipPaymentFactsMigrations } from '../reconciliation/tip-payment-facts.migrations';
import { tipRefundMigrations } from '../refunds/tip-refund.migrations';

/**
 * Every table the tipping service owns, in the order they are made (ADR 0015): the tip log and
 * its checkpoints, the inbox of the pledge events it consumes, the ledger's lines, the refunds owed, the signed checkpoints,
 * the index of the paid tips the reconciliation pages through.
 */
export const TIPPING_MIGRATIONS: readonly MigrationSteps[] = [
  eventStoreMigrations,
  inboxMigrations,
  tipLedgerMigrations,
  tipRefundMigrations,
  transparencyMigrations,
  tipPaymentFactsMigrations,
];

/** What the service runs once at start-up, before anything reads or writes its schema. */
export const migrateTippingSchema = (pool: Pool, schema: string): Promise<void> =>
  runMigrations(pool, schema, TIPPING_MIGRATIONS);
