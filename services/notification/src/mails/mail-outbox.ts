import type { Pool, PoolClient } from 'pg';
import { uuidv7 } from '@elan/domain-kernel';
import type { MailData, MailTemplate } from './mail-templates';

/** A mail to send: who (an opaque reference), what (a template and its data), because of which event. */
export interface MailToSend<T extends MailTemplate = MailTemplate> {
  readonly eventId: string;
  readonly template: T;
  /** `pledge:<pledgeId>` (its contributor) or `account:<accountId>` (a holder). */
  readonly recipient: string;
  readonly data: MailData[T];
}

/** A mail the worker took, locked in its transaction. */
export interface DueMail extends MailToSend {
  readonly mailId: string;
  readonly attempts: number;
}

interface MailRow {
  readonly mail_id: string;
  readonly event_id: string;
  readonly template: MailTemplate;
  readonly recipient: string;
  readonly data: MailData[MailTemplate];
  readonly attempts: number;
}

/** The outbox of mails and the campaign directory, in the service's schema (ADR 0031). */
export class MailOutbox {
  constructor(
    readonly pool: Pool,
    readonly schema: string,
  ) {}

  /** Records a mail once per (event, template, recipient): a second delivery of the event adds nothing. */
  async record(client: PoolClient, mail: MailToSend, now: Date): Promise<void> {
    await client.query(
      `INSERT INTO ${this.schema}.mails (mail_id, event_id, template, recipient, data, next_attempt_at, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (event_id, template, recipient) DO NOTHING`,
      [uuidv7(), mail.eventId, mail.template, mail.recipient, JSON.stringify(mail.data), now],
    );
  }

  async rememberCampaign(
    client: PoolClient,
    campaign: { campaignId: string; holderId: string; title: string; fundingModel: string; launchedAt: string },
  ): Promise<void> {
    await client.query(
      `INSERT INTO ${this.schema}.campaigns (campaign_id, holder_id, title, funding_model, launched_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (campaign_id) DO UPDATE SET holder_id = EXCLUDED.holder_id, title = EXCLUDED.title`,
      [campaign.campaignId, campaign.holderId, campaign.title, campaign.fundingModel, campaign.launchedAt],
    );
  }

  async holderOf(client: PoolClient, campaignId: string): Promise<string | undefined> {
    const { rows } = await client.query<{ holder_id: string }>(
      `SELECT holder_id FROM ${this.schema}.campaigns WHERE campaign_id = $1`,
      [campaignId],
    );
    return rows[0]?.holder_id;
  }

  async titleOf(client: PoolClient, campaignId: string): Promise<string | null> {
    const { rows } = await client.query<{ title: string }>(`SELECT title FROM ${this.schema}.campaigns WHERE campaign_id = $1`, [
      campaignId,
    ]);
    return rows[0]?.title ?? null;
  }

  /** The next mail due, locked for this transaction; other replicas skip it (FOR UPDATE SKIP LOCKED). */
  async takeDue(client: PoolClient, now: Date): Promise<DueMail | undefined> {
    const { rows } = await client.query<MailRow>(
      `SELECT mail_id, event_id, template, recipient, data, attempts FROM ${this.schema}.mails
       WHERE status = 'pending' AND next_attempt_at <= $1
       ORDER BY next_attempt_at, mail_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    const row = rows[0];
    return (
      row && {
        mailId: row.mail_id,
        eventId: row.event_id,
        template: row.template,
        recipient: row.recipient,
        data: row.data,
        attempts: row.attempts,
      }
    );
  }

  async markSent(client: PoolClient, mailId: string, now: Date): Promise<void> {
    await this.settle(client, mailId, `status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL`, [now]);
  }

  /** Nobody to write to (erased, unknown): kept as a fact, never retried. */
  async markNotSent(client: PoolClient, mailId: string, reason: string): Promise<void> {
    await this.settle(client, mailId, `status = 'not_sent', last_error = $2`, [reason]);
  }

  /** A failed attempt: retried at `retryAt`, or given up (`failed`) when there is none. */
  async markAttemptFailed(client: PoolClient, mailId: string, reason: string, retryAt: Date | null): Promise<void> {
    await this.settle(
      client,
      mailId,
      retryAt
        ? `attempts = attempts + 1, last_error = $2, next_attempt_at = $3`
        : `attempts = attempts + 1, last_error = $2, status = 'failed'`,
      retryAt ? [reason, retryAt] : [reason],
    );
  }

  private async settle(client: PoolClient, mailId: string, set: string, values: readonly unknown[]): Promise<void> {
    await client.query(`UPDATE ${this.schema}.mails SET ${set} WHERE mail_id = $1`, [mailId, ...values]);
  }
}
