import { ValidationError } from '@elan/domain-kernel';

/**
 * A Stripe idempotency key built from Élan's own ids, never a random one: a retry after a crash
 * or a timeout derives the same key again, so Stripe answers with the first result instead of
 * charging twice. Branded so that only `idempotencyKey()` can make one.
 */
export type IdempotencyKey = string & { readonly __brand: 'IdempotencyKey' };

/** Stripe refuses keys longer than this. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

// Colons separate the parts, so a part may not hold one: `pledge:a:b` must have one reading.
const PART = /^[A-Za-z0-9_.-]+$/;

/**
 * `idempotencyKey('pledge', pledgeId, 'collect')` → `pledge:<pledgeId>:collect`. The owner kind
 * and the operation are words chosen in code; the id is Élan's (a UUID v7, a campaign id…).
 * Further parts tell apart repeated operations on the same thing: `('pledge', id, 'collect', 'attempt-2')`.
 */
export const idempotencyKey = (owner: string, id: string, operation: string, ...more: readonly string[]): IdempotencyKey => {
  const parts = [owner, id, operation, ...more];
  for (const part of parts)
    if (!PART.test(part))
      throw new ValidationError(`an idempotency key part must be letters, digits, '_', '.' or '-', got ${JSON.stringify(part)}`, {
        parts,
      });
  const key = parts.join(':');
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH)
    throw new ValidationError(`an idempotency key is at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, got ${key.length}`, {
      parts,
    });
  return key as IdempotencyKey;
};
