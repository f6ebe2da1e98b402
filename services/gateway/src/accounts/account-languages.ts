import { Injectable } from '@nestjs/common';
import { GatewayDatabase } from '../storage/gateway-database';
import type { AccountLanguage } from './account';

/**
 * Each account's language, chosen at registration or later (`PATCH /api/me`), in a table of its
 * own beside `accounts` (migration `0007-account-languages`): an account that never chose reads
 * Élan in French. Read by `GetAccountRecipient` when the notification service writes to a holder.
 */
@Injectable()
export class AccountLanguages {
  constructor(private readonly db: GatewayDatabase) {}

  /** The language chosen, or French when none was. */
  async of(accountId: string): Promise<AccountLanguage> {
    const { rows } = await this.db.query<{ language: AccountLanguage }>(
      `SELECT language FROM ${this.db.schema}.account_languages WHERE account_id = $1`,
      [accountId],
    );
    return rows[0]?.language ?? 'fr';
  }

  /** Records the choice; false when there is no such account. */
  async choose(accountId: string, language: AccountLanguage): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO ${this.db.schema}.account_languages (account_id, language)
       SELECT id, $2 FROM ${this.db.schema}.accounts WHERE id = $1
       ON CONFLICT (account_id) DO UPDATE SET language = EXCLUDED.language`,
      [accountId, language],
    );
    return (rowCount ?? 0) > 0;
  }
}
