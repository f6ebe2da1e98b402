import { createHash } from 'node:crypto';
import type { EmulatorState } from '../state';
import { StripeApiError } from './stripe-error';

const DAY_MS = 24 * 3600 * 1000;

/** What an `Idempotency-Key` answers: a replay of the stored response, or nothing (run the request). */
export function replayFor(
  state: EmulatorState,
  key: string,
  method: string,
  path: string,
  body: string,
): { status: number; body: unknown } | undefined {
  if (key.length > 255)
    throw new StripeApiError(400, 'invalid_request_error', 'Idempotency keys may not be longer than 255 characters.', {
      param: 'Idempotency-Key',
    });
  const record = state.data.idempotency[key];
  if (record === undefined || Date.now() - record.at > DAY_MS) return undefined;
  if (record.request !== fingerprint(method, path, body))
    throw new StripeApiError(
      400,
      'idempotency_error',
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    );
  return { status: record.status, body: record.body };
}

export function remember(
  state: EmulatorState,
  key: string,
  method: string,
  path: string,
  body: string,
  status: number,
  answer: unknown,
): void {
  const now = Date.now();
  for (const [stored, record] of Object.entries(state.data.idempotency))
    if (now - record.at > DAY_MS) delete state.data.idempotency[stored];
  state.data.idempotency[key] = { request: fingerprint(method, path, body), status, body: structuredClone(answer), at: now };
}

/** Parameters compared in a canonical order, so the same form in another key order is the same request. */
const fingerprint = (method: string, path: string, body: string): string => {
  const pairs = [...new URLSearchParams(body)].map(([key, value]) => `${key}=${value}`).sort();
  return createHash('sha256')
    .update(`${method} ${path}\n${pairs.join('&')}`)
    .digest('hex');
};
