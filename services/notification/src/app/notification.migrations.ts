import type { Pool } from 'pg';
import { runMigrations, type MigrationSteps } from '@elan/event-store';
import { inboxMigrations } from '@elan/messaging';
import { notificationMigrations } from '../mails/mail-outbox.migrations';

/** Every table the notification service owns (ADR 0015): the inbox of the events it consumes, its campaigns and mails. */
export const NOTIFICATION_MIGRATIONS: readonly MigrationSteps[] = [inboxMigrations, notificationMigrations];

export const migrateNotificationSchema = (pool: Pool, schema: string): Promise<void> =>
  runMigrations(pool, schema, NOTIFICATION_MIGRATIONS);
