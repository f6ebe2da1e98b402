import { createHash } from 'node:crypto';
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

/**
 * What makes two requests "the same": method, path with query, and body. The body is hashed in
 * a canonical form (keys sorted), so re-serialising the same JSON differently still matches.
 */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${url}\n`)
    .update(canonicalJson(body ?? null))
    .digest('hex');
}

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
