import type { Pool } from 'pg';
import { eventStoreMigrations, runMigrations, type MigrationSteps } from '@elan/event-store';
import { inboxMigrations, outboxMigrations } from '@elan/messaging';
import { payoutAccountsStartedMigrations } from '../payouts/payout-accounts-started';
import { pledgeTotalsMigrations } from '../pledges/pledge-totals';
import { readModelMigrations } from '../read-models/read-model.migrations';
import { scheduleMigrations } from '../scheduler/scheduled-commands';

/**
 * Every table the campaign service owns, in the order they are made (ADR 0015): the event log
 * and checkpoints, the outbox heads, the scheduler's commands, the read models, the running
 * totals of pledges and the inbox of the `campaign-pledges` consumer (and of `campaign-payouts`),
 * the holders with a payout account. A new library the service uses adds its steps here.
 */
export const CAMPAIGN_MIGRATIONS: readonly MigrationSteps[] = [
  eventStoreMigrations,
  outboxMigrations,
  scheduleMigrations,
  readModelMigrations,
  pledgeTotalsMigrations,
  inboxMigrations,
  payoutAccountsStartedMigrations,
];

/** What the service runs once at start-up, before anything reads or writes its schema. */
export const migrateCampaignSchema = (pool: Pool, schema: string): Promise<void> =>
  runMigrations(pool, schema, CAMPAIGN_MIGRATIONS);
