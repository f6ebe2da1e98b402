import { Injectable } from '@nestjs/common';
import { sortedRoles, type Role } from '../accounts/account';
import { GatewayDatabase } from '../storage/gateway-database';

/**
 * Tokens revoked at logout, kept until they would have expired anyway. Checked on every
 * authenticated request together with the account's current roles: one indexed query.
 */
@Injectable()
export class RevokedTokens {
  constructor(private readonly db: GatewayDatabase) {}

  async revoke(tokenId: string, expiresAt: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.db.schema}.revoked_tokens (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING`,
      [tokenId, expiresAt],
    );
  }

  /**
   * The account's current roles, address and name while the token is live; undefined when the
   * token was revoked or the account no longer exists or was erased (its tokens all die with it). Roles come from the account, not the
   * token, so a role taken away applies at once rather than when the token expires.
   */
  async liveAccount(
    accountId: string,
    tokenId: string,
  ): Promise<{ roles: Role[]; email: string; displayName: string } | undefined> {
    const s = this.db.schema;
    const { rows } = await this.db.query<{ roles: string[]; email: string; display_name: string }>(
      `SELECT a.roles, a.email, a.display_name FROM ${s}.accounts a
        WHERE a.id = $1 AND a.password_hash <> ''
          AND NOT EXISTS (SELECT 1 FROM ${s}.revoked_tokens r WHERE r.jti = $2)`,
      [accountId, tokenId],
    );
    const row = rows[0];
    return row && { roles: sortedRoles(row.roles), email: row.email, displayName: row.display_name };
  }
}
