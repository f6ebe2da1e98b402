import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { assertSigningSecrets, MIN_SECRET_BYTES, type AuthOptions } from '../auth/auth.config';
import type { GatewayDatabase } from './gateway-database';

/** The row of `signing_keys` holding the development key. */
const DEVELOPMENT_KEY = 'access-tokens';

/**
 * The gateway's signing secrets, current first, then the previous ones (verification only).
 * They come from the configuration (`AUTH_SECRET`, `AUTH_PREVIOUS_SECRETS`); without a current
 * one, outside production, from a random key generated once and kept in the gateway's schema:
 * nothing an attacker could derive, and the same for every replica and restart.
 *
 * Access tokens sign with them, and idempotency fingerprints derive their HMAC keys from them.
 * Loaded on first use, so the gateway starts while PostgreSQL is down; a failure is retried.
 */
export class SigningSecrets {
  private loaded: Promise<readonly Uint8Array[]> | undefined;

  constructor(
    private readonly options: AuthOptions | undefined,
    private readonly db: GatewayDatabase,
  ) {
    assertSigningSecrets(options);
    if (options?.secret === undefined)
      new Logger(SigningSecrets.name).warn(
        'AUTH_SECRET is not set: access tokens are signed with a random development key kept in the ' +
          `"${db.schema}" schema. Set AUTH_SECRET (required when NODE_ENV=production).`,
      );
  }

  /** Current secret first, then the previous ones. */
  all(): Promise<readonly Uint8Array[]> {
    this.loaded ??= this.load().catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  private async load(): Promise<readonly Uint8Array[]> {
    const encode = (secret: string): Uint8Array => new TextEncoder().encode(secret);
    const previous = (this.options?.previousSecrets ?? []).map(encode);
    const current = this.options?.secret === undefined ? await this.developmentKey() : encode(this.options.secret);
    return [current, ...previous];
  }

  /** Inserted by the first replica to ask, read by all: `ON CONFLICT DO NOTHING`, then a read. */
  private async developmentKey(): Promise<Uint8Array> {
    const s = this.db.schema;
    await this.db.query(`INSERT INTO ${s}.signing_keys (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [
      DEVELOPMENT_KEY,
      randomBytes(MIN_SECRET_BYTES),
    ]);
    const { rows } = await this.db.query<{ secret: Buffer }>(`SELECT secret FROM ${s}.signing_keys WHERE name = $1`, [
      DEVELOPMENT_KEY,
    ]);
    const secret = rows[0]?.secret;
    if (!secret) throw new Error('the development signing key vanished');
    return new Uint8Array(secret);
  }
}
