import { z } from 'zod';
import { serviceConfigFromEnv, type ServiceConfig } from '@elan/service-kit';
import type { MailWorkerSettings } from '../workers/mail-worker';

/** The notification service's configuration: the kit's common part, where mails go out, and the worker's pace. */
export interface NotificationConfig extends ServiceConfig {
  /** `smtp://host:port` or `smtps://user:password@host:port`. */
  readonly smtpUrl: string;
  /** The From of every mail, e.g. `Élan <no-reply@elan.example>`. */
  readonly mailFrom: string;
  readonly mailWorker: MailWorkerSettings;
}

/** `npm start`'s mail catcher: the default outside production only. */
export const DEFAULT_SMTP_URL = 'smtp://127.0.0.1:1025';
/** The web front's default address (WEB_PORT 8080): the links in mails lead to its pages. */
export const DEFAULT_PUBLIC_BASE_URL = 'http://localhost:8080';

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const ownEnvironment = {
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Élan <no-reply@elan.localhost>'),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).default(DEFAULT_PUBLIC_BASE_URL),
  NOTIFICATION_WORKER_INTERVAL_MS: positive(1_000),
  NOTIFICATION_RETRY_MS: positive(60_000),
  NOTIFICATION_RETRY_MAX_MS: positive(3_600_000),
  NOTIFICATION_MAX_ATTEMPTS: positive(12),
};

export function notificationConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): NotificationConfig {
  const { own, ...config } = serviceConfigFromEnv('notification', env, ownEnvironment);
  if (own.SMTP_URL === undefined && env.NODE_ENV === 'production')
    throw new Error('invalid notification service environment: SMTP_URL is required when NODE_ENV=production');
  return {
    ...config,
    smtpUrl: own.SMTP_URL ?? DEFAULT_SMTP_URL,
    mailFrom: own.MAIL_FROM,
    mailWorker: {
      intervalMs: own.NOTIFICATION_WORKER_INTERVAL_MS,
      retryMs: own.NOTIFICATION_RETRY_MS,
      retryMaxMs: own.NOTIFICATION_RETRY_MAX_MS,
      maxAttempts: own.NOTIFICATION_MAX_ATTEMPTS,
      baseUrl: own.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    },
  };
}
