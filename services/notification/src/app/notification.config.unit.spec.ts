import { createPeerCredentials } from '@elan/messaging';
import { notificationConfigFromEnv } from './notification.config';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/elan', NATS_URL: 'nats://127.0.0.1:4222' };

describe('the notification service configuration', () => {
  it('sends to the local mail catcher by default, outside production', () => {
    const config = notificationConfigFromEnv(base);
    expect(config.smtpUrl).toBe('smtp://127.0.0.1:1025');
    expect(config.schema).toBe('notification');
    expect(config.mailWorker).toEqual({
      intervalMs: 1_000,
      retryMs: 60_000,
      retryMaxMs: 3_600_000,
      maxAttempts: 12,
      baseUrl: 'http://localhost:8080',
    });
  });

  it('takes SMTP_URL, MAIL_FROM and the worker’s pace from the environment', () => {
    const config = notificationConfigFromEnv({
      ...base,
      SMTP_URL: 'smtps://elan:secret@smtp.example.org:465',
      MAIL_FROM: 'Élan <bonjour@elan.example>',
      PUBLIC_BASE_URL: 'https://elan.example/',
      NOTIFICATION_MAX_ATTEMPTS: '3',
    });
    expect(config.smtpUrl).toBe('smtps://elan:secret@smtp.example.org:465');
    expect(config.mailFrom).toBe('Élan <bonjour@elan.example>');
    expect(config.mailWorker.baseUrl).toBe('https://elan.example');
    expect(config.mailWorker.maxAttempts).toBe(3);
  });

  it('requires SMTP_URL in production, and refuses what is not an SMTP URL, naming the variable', () => {
    const [credential] = createPeerCredentials(['notification']);
    const production = { ...base, NODE_ENV: 'production', NATS_NKEY_SEED: credential?.seed };
    expect(() => notificationConfigFromEnv(production)).toThrow('SMTP_URL is required when NODE_ENV=production');
    expect(notificationConfigFromEnv({ ...production, SMTP_URL: 'smtp://relay:25' }).smtpUrl).toBe('smtp://relay:25');
    expect(() => notificationConfigFromEnv({ ...base, SMTP_URL: 'http://smtp.example.org' })).toThrow(/SMTP_URL/);
    expect(() => notificationConfigFromEnv({ ...base, NOTIFICATION_RETRY_MS: '0' })).toThrow(/NOTIFICATION_RETRY_MS/);
  });
});
