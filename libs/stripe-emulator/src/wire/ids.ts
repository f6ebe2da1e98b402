import { randomFillSync } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 24;

/** Random bytes drawn from the system 4 KiB at a time: one call for 170 ids, not one each. */
const pool = Buffer.allocUnsafe(4096);
let used = pool.length;

/** An id the way Stripe writes them: its prefix (`pi_`, `ch_`, `txn_`…) and 24 base-62 characters. */
export function stripeId(prefix: string): string {
  if (used + ID_LENGTH > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  let body = '';
  for (let i = used; i < used + ID_LENGTH; i += 1) body += ALPHABET[(pool[i] as number) % ALPHABET.length];
  used += ID_LENGTH;
  return `${prefix}_${body}`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
