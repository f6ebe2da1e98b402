import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An id the way Stripe writes them: its prefix (`pi_`, `ch_`, `txn_`…) and 24 base-62 characters. */
export function stripeId(prefix: string): string {
  const bytes = randomBytes(24);
  let body = '';
  for (const byte of bytes) body += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${body}`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
