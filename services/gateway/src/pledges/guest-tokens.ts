import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SigningSecrets } from '../storage/signing-secrets';

const GUEST_TOKEN_KEY_INFO = 'elan gateway guest pledge token v1';

/** What the pledge service keeps of a guest's token: its SHA-256, hex. */
export const guestTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * A guest's private link holds a secret token. It is derived from the pledge id under a key of
 * the gateway's own secret (HKDF), not drawn at random, so a retried request for the same pledge
 * (its reply lost) hands back the same token; only its hash leaves the gateway.
 */
@Injectable()
export class GuestTokens {
  private key: Promise<Buffer> | undefined;

  constructor(private readonly secrets: SigningSecrets) {}

  async tokenFor(pledgeId: string): Promise<string> {
    return createHmac('sha256', await this.signingKey())
      .update(`guest-pledge:${pledgeId}`)
      .digest('base64url');
  }

  private signingKey(): Promise<Buffer> {
    this.key ??= this.secrets.all().then(
      ([current]) => {
        if (!current) throw new Error('the gateway has no signing secret');
        return Buffer.from(hkdfSync('sha256', current, '', GUEST_TOKEN_KEY_INFO, 32));
      },
      (error: unknown) => {
        this.key = undefined;
        throw error;
      },
    );
    return this.key;
  }
}
