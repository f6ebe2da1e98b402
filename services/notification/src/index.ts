/** The notification service as others start it (`npm start`, end-to-end tests). */
export { notificationConfigFromEnv, startNotificationService, type NotificationConfig } from './notification-service';
