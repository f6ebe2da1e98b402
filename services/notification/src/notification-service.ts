import { startService, type RunningService, type ServiceOptions } from '@elan/service-kit';
import { composeNotification, type NotificationCompositionOptions, type NotificationParts } from './app/notification.composition';
import type { NotificationConfig } from './app/notification.config';
import { migrateNotificationSchema } from './app/notification.migrations';
import { NotificationServiceModule } from './notification-service.module';

export { notificationConfigFromEnv, type NotificationConfig } from './app/notification.config';
export type { NotificationParts } from './app/notification.composition';

export type NotificationServiceOptions = ServiceOptions & NotificationCompositionOptions;

/**
 * Starts the notification service through the service kit (ADR 0017, ADR 0031): connections, its
 * migrations (inbox, campaigns, mails), streams, its health, then its workers (the
 * `notification-pledges`, `-campaigns` and `-payouts` consumers, the mail worker). `main.ts`,
 * `npm start` and the tests all go through here.
 */
export function startNotificationService(
  config: NotificationConfig,
  options: NotificationServiceOptions = {},
): Promise<RunningService<NotificationParts>> {
  const { clock, ...serviceOptions } = options;
  return startService(
    {
      name: 'notification',
      config,
      migrations: migrateNotificationSchema,
      compose: (infrastructure) => composeNotification(infrastructure, { ...(clock && { clock }) }),
      module: () => NotificationServiceModule.forRoot(),
      workers: (parts) => parts.workers,
    },
    serviceOptions,
  );
}
