import { createHmac, hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
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
    // RFC 8785 canonical JSON: re-serialising the same JSON differently (key order, spacing)
    // still matches. A parsed JSON body serialises byte for byte as before the library.
    const message = `${method.toUpperCase()} ${url}\n${canonicalize(body ?? null) ?? 'null'}`;
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
