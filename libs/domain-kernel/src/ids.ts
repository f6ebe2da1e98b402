import { randomInt } from 'node:crypto';
import { v7 } from 'uuid';

/**
 * UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then a counter and random bits. Ids sort
 * by creation time, which keeps B-tree inserts local and makes logs readable.
 *
 * The `uuid` package generates them: within one millisecond its 32-bit counter keeps ids
 * monotonic (method 1 of RFC 9562 §6.2), and when the system clock steps back (NTP) it holds on
 * to its last millisecond, so ids never go backwards. We only add ids for a given time.
 */
const MAX_MILLIS = 2 ** 48 - 1;

/**
 * The counter of ids for given timestamps, kept apart from `uuid`'s own: if they shared one, an
 * id for a fixture's fixed (earlier) date would silently carry the later time of ids generated
 * before it in the same process. `runStart` is the timestamp that started the current run.
 */
const givenTime = { millis: -1, counter: 0, runStart: -1 };

/** A new run starts the counter below 2^31, so at least 2^31 ids fit in one millisecond. */
const COUNTER_START_BOUND = 2 ** 31;

const nextGivenTime = (at: number): void => {
  if (at >= givenTime.runStart && at <= givenTime.millis) {
    givenTime.counter = (givenTime.counter + 1) >>> 0;
    if (givenTime.counter === 0) givenTime.millis += 1;
    return;
  }
  givenTime.millis = at;
  givenTime.runStart = at;
  givenTime.counter = randomInt(COUNTER_START_BOUND);
};

/**
 * A new v7 id for the current time or, for fixtures and imports of historical records, for
 * `at` (Unix ms, a whole number between 0 and 2^48 - 1), which the id then carries exactly.
 * Ids of one process are monotonic per source: system clock, or given timestamps.
 */
export const uuidv7 = (at?: number): string => {
  if (at === undefined) return v7();
  if (!Number.isSafeInteger(at) || at < 0 || at > MAX_MILLIS)
    throw new RangeError(`uuidv7 needs a whole number of Unix ms in [0, 2^48 - 1], got ${at}`);
  nextGivenTime(at);
  return v7({ msecs: givenTime.millis, seq: givenTime.counter });
};

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

/** Milliseconds since the epoch encoded in a v7 id. */
export const uuidv7Timestamp = (id: string): number => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
