import { createHmac, hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SigningSecrets } from '../storage/signing-secrets';

/** HKDF "info": the fingerprint keys are for this use only, unrelated to the token keys. */
const FINGERPRINT_KEY_INFO = 'elan gateway idempotency fingerprint v1';

/**
 * What makes two requests "the same": method, path with query, and body — as a keyed HMAC, never
 * a plain hash. Anonymous bodies hold passwords; a plain SHA-256 kept 24 h would let anyone who
 * reads the table test password guesses offline. The HMAC key is derived (HKDF) from the
 * access-token secret, which production keeps outside the database, so the table alone reveals
 * nothing. The previous secrets derive previous keys: a request retried across a key rotation
 * still matches its record.
 */
@Injectable()
export class RequestFingerprints {
  private keys: Promise<readonly Buffer[]> | undefined;

  constructor(private readonly secrets: SigningSecrets) {}

  /** Under the current key first, then under each previous one. */
  async of(method: string, url: string, body: unknown): Promise<readonly string[]> {
    const message = `${method.toUpperCase()} ${url}\n${canonicalJson(body ?? null)}`;
    return (await this.fingerprintKeys()).map((key) => createHmac('sha256', key).update(message).digest('base64url'));
  }

  private fingerprintKeys(): Promise<readonly Buffer[]> {
    this.keys ??= this.secrets.all().then(
      (secrets) => secrets.map((secret) => Buffer.from(hkdfSync('sha256', secret, '', FINGERPRINT_KEY_INFO, 32))),
      (error: unknown) => {
        this.keys = undefined;
        throw error;
      },
    );
    return this.keys;
  }
}

/** Keys sorted, so re-serialising the same JSON differently still matches. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
