import { Logger } from '@nestjs/common';
import { systemClock, type Clock } from '@elan/domain-kernel';
import { DurableConsumer, RequestClient, reasonOf, type IntegrationEventHandler } from '@elan/messaging';
import type { ServiceInfrastructure, Worker } from '@elan/service-kit';
import { BackerDirectory } from '../backers/backer-directory';
import {
  campaignMailHandlers,
  NOTIFICATION_CAMPAIGNS_CONSUMER,
  NOTIFICATION_PAYOUTS_CONSUMER,
  NOTIFICATION_PLEDGES_CONSUMER,
  payoutMailHandlers,
  pledgeMailHandlers,
} from '../consumers/mail-events.handlers';
import { MailOutbox } from '../mails/mail-outbox';
import { MailRecipients } from '../mails/mail-recipients';
import { MailSender } from '../mails/mail-sender';
import { MailWorker } from '../workers/mail-worker';
import type { NotificationConfig } from './notification.config';

export interface NotificationCompositionOptions {
  readonly clock?: Clock;
}

/** What the notification service is made of: its outbox of mails, and its consumers and worker. */
export interface NotificationParts {
  readonly outbox: MailOutbox;
  readonly directory: BackerDirectory;
  readonly mailWorker: MailWorker;
  readonly workers: readonly Worker[];
}

const logger = new Logger('NotificationService');

export function composeNotification(
  { config, pool, nc, stack }: ServiceInfrastructure<NotificationConfig>,
  options: NotificationCompositionOptions = {},
): NotificationParts {
  const clock = options.clock ?? systemClock;
  const outbox = new MailOutbox(pool, config.schema);
  const directory = new BackerDirectory(config.schema);
  const sender = new MailSender(config.smtpUrl, config.mailFrom);
  stack.push('the SMTP transport', async () => sender.close());
  const recipients = new MailRecipients(new RequestClient({ connection: () => nc, timeoutMs: 5_000 }));
  const mailWorker = new MailWorker(outbox, recipients, sender, clock, config.mailWorker);
  const consumer = (durableName: string, handlers: IntegrationEventHandler[]): Worker => {
    const durable = new DurableConsumer({
      nc,
      pool,
      schema: config.schema,
      durableName,
      handlers,
      onError: (error, message) => logger.warn(`${message.subject} ${message.eventId ?? ''} failed, retried: ${reasonOf(error)}`),
    });
    return { name: `the ${durableName} consumer`, start: () => durable.start(), stop: () => durable.stop() };
  };
  const workers: Worker[] = [
    consumer(NOTIFICATION_PLEDGES_CONSUMER, pledgeMailHandlers(outbox, directory, clock)),
    consumer(NOTIFICATION_CAMPAIGNS_CONSUMER, campaignMailHandlers(outbox, directory, clock)),
    consumer(NOTIFICATION_PAYOUTS_CONSUMER, payoutMailHandlers(outbox, clock)),
    mailWorker,
  ];
  return { outbox, directory, mailWorker, workers };
}
