import type { Params } from './params';
import { invalidRequest, missingResource } from './stripe-error';

/** Stripe's list object: newest first, `limit` (1–100, default 10), `starting_after` / `ending_before` cursors. */
export function listPage<T extends { id?: string }>(all: T[], params: Params, url: string) {
  const limit = params.integer('limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidRequest('This value must be between 1 and 100 (inclusive).', 'limit');
  const newestFirst = [...all].reverse();
  const after = params.string('starting_after');
  const before = params.string('ending_before');
  let data: T[];
  let hasMore: boolean;
  if (before !== undefined) {
    const index = newestFirst.findIndex((item) => item.id === before);
    if (index < 0) throw missingResource(before, 'ending_before');
    data = newestFirst.slice(Math.max(0, index - limit), index);
    hasMore = index - limit > 0;
  } else {
    const start = after === undefined ? 0 : newestFirst.findIndex((item) => item.id === after) + 1;
    if (after !== undefined && start === 0) throw missingResource(after, 'starting_after');
    data = newestFirst.slice(start, start + limit);
    hasMore = start + limit < newestFirst.length;
  }
  return { object: 'list' as const, data, has_more: hasMore, url };
}
