import { createHash } from 'node:crypto';
import type { EmulatorState, IdempotencyRecord } from '../state';
import { StripeApiError } from './stripe-error';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The keys of one idempotency table in the order they were stored, oldest first, so that pruning
 * looks only at the records that expired (amortised O(1) a request) instead of walking them all. Kept
 * beside the table, not in it: the state file keeps its shape. Built from the table the first time
 * it is pruned (a table loaded from a state file, or the fresh one of a reset).
 */
interface StorageOrder {
  entries: { readonly key: string; readonly at: number }[];
  head: number;
}

const orders = new WeakMap<Record<string, IdempotencyRecord>, StorageOrder>();

const orderOf = (records: Record<string, IdempotencyRecord>): StorageOrder => {
  let order = orders.get(records);
  if (order === undefined) {
    const entries = Object.entries(records)
      .map(([key, record]) => ({ key, at: record.at }))
      .sort((a, b) => a.at - b.at);
    order = { entries, head: 0 };
    orders.set(records, order);
  }
  return order;
};

/** Drops the records older than 24 h, from the oldest while they are expired. */
function prune(records: Record<string, IdempotencyRecord>, now: number): void {
  const order = orderOf(records);
  while (order.head < order.entries.length) {
    const oldest = order.entries[order.head] as { key: string; at: number };
    if (now - oldest.at <= DAY_MS) break;
    // A key stored again since (after it expired) has a newer entry further on: keep its record.
    if (records[oldest.key]?.at === oldest.at) delete records[oldest.key];
    order.head += 1;
  }
  if (order.head > 1_024 && order.head * 2 > order.entries.length) {
    order.entries = order.entries.slice(order.head);
    order.head = 0;
  }
}

/** What an `Idempotency-Key` answers: a replay of the stored response, or nothing (run the request). */
export function replayFor(
  state: EmulatorState,
  key: string,
  method: string,
  path: string,
  body: string,
  now = Date.now(),
): { status: number; body: unknown } | undefined {
  if (key.length > 255)
    throw new StripeApiError(400, 'invalid_request_error', 'Idempotency keys may not be longer than 255 characters.', {
      param: 'Idempotency-Key',
    });
  const record = state.data.idempotency[key];
  if (record === undefined || now - record.at > DAY_MS) return undefined;
  if (record.request !== fingerprint(method, path, body))
    throw new StripeApiError(
      400,
      'idempotency_error',
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    );
  return { status: record.status, body: record.body };
}

/** Stores the answer to a key for 24 h, and forgets the keys that expired. */
export function remember(
  state: EmulatorState,
  key: string,
  method: string,
  path: string,
  body: string,
  status: number,
  answer: unknown,
  now = Date.now(),
): void {
  const records = state.data.idempotency;
  prune(records, now);
  records[key] = { request: fingerprint(method, path, body), status, body: structuredClone(answer), at: now };
  orderOf(records).entries.push({ key, at: now });
}

/** Parameters compared in a canonical order, so the same form in another key order is the same request. */
const fingerprint = (method: string, path: string, body: string): string => {
  const pairs = [...new URLSearchParams(body)].map(([key, value]) => `${key}=${value}`).sort();
  return createHash('sha256')
    .update(`${method} ${path}\n${pairs.join('&')}`)
    .digest('hex');
};
