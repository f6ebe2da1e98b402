import type { Pool } from 'pg';
import type { MailRecipient } from '@elan/contracts';
import type { PostgresEventStore } from '@elan/event-store';
import { ERASED, type PersonalDataVault } from '@elan/personal-data';
import { FIELDS } from '../application/contributor-details';
import { pledgeStream, type PledgePlaced } from '../pledge';
import { findPledgeRow } from '../read-models/pledge-view';

/**
 * Who the notification service writes to about a pledge (ADR 0031): the contributor's e-mail and
 * name opened under their key — the account's, or a guest's pledge's own — for one mail, or
 * `erased` once that key is gone; in the checkout's language, read from the pledge's first event
 * (`PledgePlaced`), French when it recorded none.
 */
export class PledgeRecipients {
  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly vault: PersonalDataVault,
    private readonly log: Pick<PostgresEventStore, 'readStream'>,
  ) {}

  async of(pledgeId: string): Promise<MailRecipient> {
    const row = await findPledgeRow(this.pool, this.schema, pledgeId);
    if (!row?.email_sealed) return { status: 'unknown' };
    const subjectId = row.account_id ?? row.pledge_id;
    const email = await this.vault.open(row.email_sealed, { field: FIELDS.email, subjectId });
    if (email === ERASED) return { status: 'erased' };
    const name = await this.vault.openOptional(row.name_sealed, { field: FIELDS.name, subjectId });
    return {
      status: 'found',
      email,
      name: name === undefined || name === ERASED ? null : name,
      language: await this.languageOf(pledgeId),
    };
  }

  private async languageOf(pledgeId: string): Promise<'fr' | 'en'> {
    const [placed] = await this.log.readStream(pledgeStream(pledgeId), { maxCount: 1 });
    const language = placed?.type === 'PledgePlaced' ? (placed.data as PledgePlaced['data']).language : undefined;
    return language ?? 'fr';
  }
}
