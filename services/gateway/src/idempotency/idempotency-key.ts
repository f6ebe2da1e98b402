import { validationProblem } from '../validation/zod-validation.pipe';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** 1 to 255 visible ASCII characters: a UUID is what clients are advised to send. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The key of a request, or a 400 problem naming the header when it is malformed. */
export function parseIdempotencyKey(header: string | string[]): string {
  const key = Array.isArray(header) ? undefined : header;
  if (key === undefined || !IDEMPOTENCY_KEY_PATTERN.test(key))
    throw validationProblem('header', [
      { field: IDEMPOTENCY_KEY_HEADER, message: 'must be sent once, with 1 to 255 visible ASCII characters' },
    ]);
  return key;
}
