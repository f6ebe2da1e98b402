import type { Pool } from 'pg';
import { eventStoreMigrations, runMigrations, type MigrationSteps } from '@elan/event-store';
import { outboxMigrations } from '@elan/messaging';
import { readModelMigrations } from '../read-models/read-model.migrations';
import { scheduleMigrations } from '../scheduler/scheduled-commands';

/**
 * Every table the campaign service owns, in the order they are made (ADR 0015): the event log
 * and checkpoints, the outbox heads, the scheduler's commands, the read models. A new library
 * the service uses adds its steps here.
 */
export const CAMPAIGN_MIGRATIONS: readonly MigrationSteps[] = [
  eventStoreMigrations,
  outboxMigrations,
  scheduleMigrations,
  readModelMigrations,
];

/** What the service runs once at start-up, before anything reads or writes its schema. */
export const migrateCampaignSchema = (pool: Pool, schema: string): Promise<void> =>
  runMigrations(pool, schema, CAMPAIGN_MIGRATIONS);
