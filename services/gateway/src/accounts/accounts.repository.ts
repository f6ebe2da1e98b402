import { Injectable } from '@nestjs/common';
import { GatewayDatabase } from '../storage/gateway-database';
import { sortedRoles, type Account, type Role } from './account';
import { normaliseEmail } from './email-address';
import { erasedAccountFields } from './erasure-placeholders';

interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  roles: string[];
  created_at: Date;
}

const COLUMNS = 'id, email, display_name, roles, created_at';

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  roles: sortedRoles(row.roles),
  createdAt: row.created_at,
});

export interface NewAccount {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
}

/** What became of a change of roles. */
export type RolesChange =
  | { readonly kind: 'changed'; readonly account: Account }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'last-admin' };

/** What became of an erasure. */
export type AccountErasure = 'erased' | 'not-found' | 'last-admin';

/** Accounts in the gateway's schema. E-mail addresses are compared in their normalised form only. */
@Injectable()
export class AccountsRepository {
  constructor(private readonly db: GatewayDatabase) {}

  /** The new account, or undefined when the address is taken (atomic, even across replicas). */
  async create(account: NewAccount): Promise<Account | undefined> {
    const { rows } = await this.db.query<AccountRow>(
      `INSERT INTO ${this.db.schema}.accounts (id, email, email_normalised, password_hash, display_name, roles)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (email_normalised) DO NOTHING
       RETURNING ${COLUMNS}`,
      [account.id, account.email, normaliseEmail(account.email), account.passwordHash, account.displayName, account.roles],
    );
    return rows[0] && toAccount(rows[0]);
  }

  async findById(id: string): Promise<Account | undefined> {
    const { rows } = await this.db.query<AccountRow>(`SELECT ${COLUMNS} FROM ${this.db.schema}.accounts WHERE id = $1`, [id]);
    return rows[0] && toAccount(rows[0]);
  }

  async findByEmail(email: string): Promise<Account | undefined> {
    const { rows } = await this.db.query<AccountRow>(
      `SELECT ${COLUMNS} FROM ${this.db.schema}.accounts WHERE email_normalised = $1`,
      [normaliseEmail(email)],
    );
    return rows[0] && toAccount(rows[0]);
  }

  /** The account and its password hash, for a login only. */
  async findCredentials(email: string): Promise<{ account: Account; passwordHash: string } | undefined> {
    const { rows } = await this.db.query<AccountRow & { password_hash: string }>(
      `SELECT ${COLUMNS}, password_hash FROM ${this.db.schema}.accounts WHERE email_normalised = $1`,
      [normaliseEmail(email)],
    );
    const row = rows[0];
    return row && { account: toAccount(row), passwordHash: row.password_hash };
  }

  /** Adds `admin` to the roles of the account with this address; false when there is none. */
  async promoteToAdmin(email: string): Promise<{ found: boolean; promoted: boolean }> {
    const { rows } = await this.db.query<{ was_admin: boolean }>(
      `UPDATE ${this.db.schema}.accounts a SET roles = CASE WHEN 'admin' = ANY (a.roles) THEN a.roles ELSE array_append(a.roles, 'admin') END
        FROM ${this.db.schema}.accounts before
       WHERE before.id = a.id AND a.email_normalised = $1
       RETURNING 'admin' = ANY (before.roles) AS was_admin`,
      [normaliseEmail(email)],
    );
    const row = rows[0];
    return { found: row !== undefined, promoted: row !== undefined && !row.was_admin };
  }

  /**
   * Grants and removes roles in one transaction. Removing `admin` locks every admin first, so
   * two admins demoting each other at once cannot leave the platform without one.
   */
  changeRoles(id: string, add: readonly Role[], remove: readonly Role[]): Promise<RolesChange> {
    const s = this.db.schema;
    return this.db.transaction(async (client) => {
      if (remove.includes('admin'))
        await client.query(`SELECT id FROM ${s}.accounts WHERE 'admin' = ANY (roles) ORDER BY id FOR UPDATE`);
      const found = await client.query<AccountRow>(`SELECT ${COLUMNS} FROM ${s}.accounts WHERE id = $1 FOR UPDATE`, [id]);
      const current = found.rows[0];
      if (!current) return { kind: 'not-found' };
      const roles = sortedRoles([...current.roles, ...add].filter((role) => !remove.includes(role as Role)));
      if (current.roles.includes('admin') && !roles.includes('admin')) {
        const admins = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${s}.accounts WHERE 'admin' = ANY (roles)`,
        );
        if ((admins.rows[0]?.n ?? 0) <= 1) return { kind: 'last-admin' };
      }
      const updated = await client.query<AccountRow>(`UPDATE ${s}.accounts SET roles = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [
        id,
        roles,
      ]);
      const row = updated.rows[0];
      if (!row) return { kind: 'not-found' };
      return { kind: 'changed', account: toAccount(row) };
    });
  }

  /** The password hash of an account, to confirm who asks for something irreversible. */
  async passwordHashOf(id: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ password_hash: string }>(
      `SELECT password_hash FROM ${this.db.schema}.accounts WHERE id = $1`,
      [id],
    );
    return rows[0]?.password_hash;
  }

  /**
   * Erases the person behind the account in one transaction (ADR 0022): e-mail and display name
   * replaced by placeholders that cannot be turned back into them, the password hash dropped (no
   * password matches an empty one), every role removed, the caller's token revoked, and the
   * answers kept for their Idempotency-Keys (which may quote their name or e-mail) deleted. The
   * row and its id stay, so the pledges, campaigns and amounts that name the id stay whole.
   * The last admin cannot erase themselves: the platform would be left without one.
   */
  erase(id: string, token: { readonly tokenId: string; readonly expiresAt: Date }): Promise<AccountErasure> {
    const s = this.db.schema;
    return this.db.transaction(async (client) => {
      await client.query(`SELECT id FROM ${s}.accounts WHERE 'admin' = ANY (roles) ORDER BY id FOR UPDATE`);
      const found = await client.query<{ roles: string[] }>(`SELECT roles FROM ${s}.accounts WHERE id = $1 FOR UPDATE`, [id]);
      const current = found.rows[0];
      if (!current) return 'not-found';
      if (current.roles.includes('admin')) {
        const admins = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${s}.accounts WHERE 'admin' = ANY (roles)`,
        );
        if ((admins.rows[0]?.n ?? 0) <= 1) return 'last-admin';
      }
      const erased = erasedAccountFields(id);
      await client.query(
        `UPDATE ${s}.accounts SET email = $2, email_normalised = $2, display_name = $3, password_hash = '', roles = '{}'
          WHERE id = $1`,
        [id, erased.email, erased.displayName],
      );
      await client.query(`INSERT INTO ${s}.revoked_tokens (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING`, [
        token.tokenId,
        token.expiresAt,
      ]);
      await client.query(`DELETE FROM ${s}.idempotency_records WHERE scope = $1`, [`account:${id}`]);
      return 'erased';
    });
  }

  /** Whether the account is the only admin left (checked again, under lock, by `erase`). */
  async isLastAdmin(id: string): Promise<boolean> {
    const { rows } = await this.db.query<{ last: boolean }>(
      `SELECT 'admin' = ANY (a.roles) AND (SELECT count(*) FROM ${this.db.schema}.accounts WHERE 'admin' = ANY (roles)) <= 1 AS last
         FROM ${this.db.schema}.accounts a WHERE a.id = $1`,
      [id],
    );
    return rows[0]?.last ?? false;
  }
}
