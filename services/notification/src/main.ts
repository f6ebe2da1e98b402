import { runMain } from '@elan/service-kit';
import { notificationConfigFromEnv, startNotificationService } from './notification-service';

/**
 * The notification service on its own, as deployed or as a test spawns it:
 *
 *   node -r @swc-node/register services/notification/src/main.ts
 *
 * with DATABASE_URL, NATS_URL, SMTP_URL (required when NODE_ENV=production; elsewhere
 * smtp://127.0.0.1:1025, `npm start`'s mail catcher), and optionally MAIL_FROM, PUBLIC_BASE_URL,
 * NOTIFICATION_SCHEMA (`notification`), NOTIFICATION_POOL_SIZE, NOTIFICATION_WORKER_INTERVAL_MS,
 * NOTIFICATION_RETRY_MS, NOTIFICATION_RETRY_MAX_MS, NOTIFICATION_MAX_ATTEMPTS, SHUTDOWN_GRACE_MS,
 * NATS_NKEY_SEED(_FILE). Says 'ready' under `fork`; stops on SIGTERM.
 */
runMain('notification service', () => {
  const config = notificationConfigFromEnv(process.env);
  return startNotificationService(config).then((service) => ({
    description: `schema ${config.schema}, SMTP ${new URL(config.smtpUrl).host}`,
    close: () => service.close(),
  }));
});
