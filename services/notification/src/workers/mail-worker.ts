import { Logger } from '@nestjs/common';
import type { MailRecipient } from '@elan/contracts';
import type { Clock } from '@elan/domain-kernel';
import { inTransaction } from '@elan/event-store';
import { PeriodicRounds, type Worker } from '@elan/service-kit';
import type { DueMail, MailOutbox } from '../mails/mail-outbox';
import type { MailRecipients } from '../mails/mail-recipients';
import type { MailSender } from '../mails/mail-sender';
import { renderMail } from '../mails/mail-templates';

export interface MailWorkerSettings {
  readonly intervalMs: number;
  /** The first retry's delay; each next one doubles, up to `retryMaxMs`. */
  readonly retryMs: number;
  readonly retryMaxMs: number;
  /** Attempts before a mail is `failed`, for an operator to look at. */
  readonly maxAttempts: number;
  /** Élan's public address, for the links in mails. */
  readonly baseUrl: string;
}

/** At most this many mails a round, so that `stop` never waits long for the round in flight. */
const MAILS_PER_ROUND = 50;

/**
 * Sends the outbox's mails (ADR 0031), on every replica: each mail in a transaction that locks its
 * row (`FOR UPDATE SKIP LOCKED`), asks its recipient of their owner, renders, sends over SMTP and
 * marks it sent before committing. A crash between the SMTP server's acceptance and the commit
 * sends it again, with the same Message-ID: at-least-once at the SMTP boundary, by choice.
 */
export class MailWorker implements Worker {
  readonly name = 'the mail worker';
  private readonly rounds: PeriodicRounds;
  private readonly logger = new Logger('MailWorker');

  constructor(
    private readonly outbox: MailOutbox,
    private readonly recipients: MailRecipients,
    private readonly sender: MailSender,
    private readonly clock: Clock,
    private readonly settings: MailWorkerSettings,
  ) {
    this.rounds = new PeriodicRounds(() => this.round().then(() => undefined), {
      intervalMs: settings.intervalMs,
      onError: (error) => this.logger.warn(`a round failed and will be retried: ${reasonOf(error)}`),
    });
  }

  start(): void {
    this.rounds.start();
  }

  stop(): Promise<void> {
    return this.rounds.stop();
  }

  /** Sends what is due now, up to MAILS_PER_ROUND; resolves to how many mails it settled. */
  async round(): Promise<number> {
    let settled = 0;
    while (settled < MAILS_PER_ROUND && (await this.sendOne())) settled++;
    return settled;
  }

  private sendOne(): Promise<boolean> {
    return inTransaction(this.outbox.pool, async (client) => {
      const mail = await this.outbox.takeDue(client, this.clock.now());
      if (!mail) return false;
      let recipient: MailRecipient;
      try {
        recipient = await this.recipients.of(mail.recipient);
      } catch (error) {
        await this.attemptFailed(client, mail, `the recipient's owner did not answer: ${reasonOf(error)}`, false);
        return true;
      }
      if (recipient.status !== 'found') {
        // Erased or unknown: nobody to write to, now or later.
        await this.outbox.markNotSent(client, mail.mailId, recipient.status);
        return true;
      }
      const rendered = renderMail(mail.template, mail.data, {
        language: recipient.language,
        name: recipient.name,
        campaignTitle: await this.outbox.titleOf(client, mail.data.campaignId),
        baseUrl: this.settings.baseUrl,
      });
      try {
        await this.sender.send({ ...rendered, to: recipient.email, messageId: `<${mail.mailId}@notification.elan>` });
      } catch (error) {
        const { reason, permanent } = smtpFailure(error);
        await this.attemptFailed(client, mail, reason, permanent);
        return true;
      }
      await this.outbox.markSent(client, mail.mailId, this.clock.now());
      return true;
    });
  }

  private async attemptFailed(
    client: Parameters<MailOutbox['markSent']>[0],
    mail: DueMail,
    reason: string,
    permanent: boolean,
  ): Promise<void> {
    const attempts = mail.attempts + 1;
    const retry = !permanent && attempts < this.settings.maxAttempts;
    const delay = Math.min(this.settings.retryMs * 2 ** (attempts - 1), this.settings.retryMaxMs);
    const retryAt = retry ? new Date(this.clock.now().getTime() + delay) : null;
    this.logger.warn(
      `mail ${mail.mailId} (${mail.template}) not sent, ${retry ? `retried in ${delay} ms` : 'given up'}: ${reason}`,
    );
    await this.outbox.markAttemptFailed(client, mail.mailId, reason, retryAt);
  }
}

/** An error's class and code, never its message: an SMTP reply may quote the address. */
const reasonOf = (error: unknown): string => {
  if (!(error instanceof Error)) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} (${code})` : error.name;
};

/** A 5xx reply (the address refused, the mail rejected) will not change: give up at once. */
const smtpFailure = (error: unknown): { reason: string; permanent: boolean } => {
  const responseCode = (error as { responseCode?: unknown } | undefined)?.responseCode;
  const permanent = typeof responseCode === 'number' && responseCode >= 500;
  return { reason: `SMTP: ${reasonOf(error)}${typeof responseCode === 'number' ? ` ${responseCode}` : ''}`, permanent };
};
