import type { Pool } from 'pg';
import { runMigrations, type MigrationSteps } from '@elan/event-store';
import { inboxMigrations } from '@elan/messaging';
import { backerDirectoryMigrations } from '../backers/backer-directory.migrations';
import { notificationMigrations } from '../mails/mail-outbox.migrations';

/**
 * Every table the notification service owns (ADR 0015): the inbox of the events it consumes, its
 * campaigns and mails, and its directory of campaigns' pledges.
 */
export const NOTIFICATION_MIGRATIONS: readonly MigrationSteps[] = [
  inboxMigrations,
  notificationMigrations,
  backerDirectoryMigrations,
];

export const migrateNotificationSchema = (pool: Pool, schema: string): Promise<void> =>
  runMigrations(pool, schema, NOTIFICATION_MIGRATIONS);
