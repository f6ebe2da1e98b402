import type { PoolClient } from 'pg';
import { uuidv7 } from '@elan/domain-kernel';
import type { MailData } from '../mails/mail-templates';

/**
 * A campaign's committed pledges, as the notification service heard of them (ADR 0031, issue #12
 * part 2): written in the pledges consumer's inbox transactions, read to send an update to every
 * pledge that still counts.
 */
export class BackerDirectory {
  constructor(readonly schema: string) {}

  /** A committed pledge; a second delivery changes nothing. */
  async committed(
    client: PoolClient,
    pledge: { pledgeId: string; campaignId: string; contributorRef: string; committedAt: string },
  ): Promise<void> {
    await client.query(
      `INSERT INTO ${this.schema}.campaign_pledges (pledge_id, campaign_id, contributor_ref, guest, committed_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (pledge_id) DO NOTHING`,
      [pledge.pledgeId, pledge.campaignId, pledge.contributorRef, pledge.contributorRef.startsWith('guest:'), pledge.committedAt],
    );
  }

  /** No longer counts (cancelled, refunded, released, dropped): it makes its contributor a backer no more. */
  async withdrawn(client: PoolClient, pledgeId: string, withdrawnAt: string): Promise<void> {
    await client.query(
      `UPDATE ${this.schema}.campaign_pledges SET withdrawn_at = $2 WHERE pledge_id = $1 AND withdrawn_at IS NULL`,
      [pledgeId, withdrawnAt],
    );
  }

  /** Whether a guest made the pledge; null when the directory never heard of it. */
  async isGuest(client: PoolClient, pledgeId: string): Promise<boolean | null> {
    const { rows } = await client.query<{ guest: boolean }>(
      `SELECT guest FROM ${this.schema}.campaign_pledges WHERE pledge_id = $1`,
      [pledgeId],
    );
    return rows[0]?.guest ?? null;
  }

  /**
   * Records the update's mail once for every backer of the campaign, in one statement: a backer is
   * a contributor with a pledge that still counts, written to through their earliest such pledge
   * (recipient `pledge:<id>`: the pledge service knows who made it), so two pledges make one mail.
   * The mails' key (event, template, recipient) makes a redelivered event add none. Resolves to how
   * many mails were recorded now.
   */
  async recordUpdateForBackers(
    client: PoolClient,
    mail: { eventId: string; data: MailData['campaign_update'] },
    now: Date,
  ): Promise<number> {
    const { rows } = await client.query<{ pledge_id: string }>(
      `SELECT DISTINCT ON (contributor_ref) pledge_id FROM ${this.schema}.campaign_pledges
       WHERE campaign_id = $1 AND withdrawn_at IS NULL ORDER BY contributor_ref, committed_at, pledge_id`,
      [mail.data.campaignId],
    );
    if (rows.length === 0) return 0;
    const { rowCount } = await client.query(
      `INSERT INTO ${this.schema}.mails (mail_id, event_id, template, recipient, data, next_attempt_at, recorded_at)
       SELECT mail_id, $3, 'campaign_update', 'pledge:' || pledge_id, $4, $5, $5
       FROM unnest($1::uuid[], $2::uuid[]) AS backers (mail_id, pledge_id)
       ON CONFLICT (event_id, template, recipient) DO NOTHING`,
      [rows.map(() => uuidv7()), rows.map((row) => row.pledge_id), mail.eventId, JSON.stringify(mail.data), now],
    );
    return rowCount ?? 0;
  }
}
