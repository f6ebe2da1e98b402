import { randomBytes } from 'node:crypto';

/**
 * UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids sort by creation
 * time, which keeps B-tree inserts local and makes logs readable.
 *
 * Within one millisecond, a 12-bit counter in `rand_a` keeps ids monotonic (method 1 of
 * RFC 9562 §6.2). A new millisecond starts the counter at a random value below 2,048, so at least
 * 2,048 ids fit in it; past 4,095 the id borrows the next millisecond rather than wrap around.
 */
const MAX_MILLIS = 2 ** 48 - 1;

/** The millisecond and counter of the last id, and the millisecond that started this run. */
interface Sequence {
  millis: number;
  counter: number;
  runStart: number;
}

// The system clock and caller-supplied timestamps keep separate sequences. If they shared one,
// an id for a fixture's fixed (earlier) date would silently carry the later time of ids
// generated before it in the same process.
const systemClockSequence: Sequence = { millis: -1, counter: 0, runStart: -1 };
const givenTimeSequence: Sequence = { millis: -1, counter: 0, runStart: -1 };

/**
 * Moves `sequence` to the next id at `requested` ms. The system clock holds on to its last
 * millisecond when it steps back (NTP), so its ids never go backwards; a given timestamp is
 * honoured as given, continuing the counter only within the current run.
 */
const next = (sequence: Sequence, requested: number, random: number, holdWhenBehind: boolean): void => {
  const continues =
    requested <= sequence.millis && (holdWhenBehind || requested >= sequence.runStart);
  if (!continues) {
    sequence.millis = requested;
    sequence.runStart = requested;
    sequence.counter = random & 0x7ff;
    return;
  }
  sequence.counter = (sequence.counter + 1) & 0xfff;
  if (sequence.counter === 0) sequence.millis += 1;
};

/**
 * A new v7 id for the current time or, for fixtures and imports of historical records, for
 * `at` (Unix ms, a whole number between 0 and 2^48 - 1), which the id then carries exactly.
 * Ids of one process are monotonic per source: system clock, or given timestamps.
 */
export const uuidv7 = (at?: number): string => {
  if (at !== undefined && (!Number.isSafeInteger(at) || at < 0 || at > MAX_MILLIS))
    throw new RangeError(`uuidv7 needs a whole number of Unix ms in [0, 2^48 - 1], got ${at}`);
  const bytes = randomBytes(16);
  const sequence = at === undefined ? systemClockSequence : givenTimeSequence;
  next(sequence, at ?? Date.now(), bytes.readUInt16BE(6), at === undefined);
  bytes.writeUIntBE(sequence.millis, 0, 6);
  bytes[6] = 0x70 | (sequence.counter >> 8);
  bytes[7] = sequence.counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

/** Milliseconds since the epoch encoded in a v7 id. */
export const uuidv7Timestamp = (id: string): number => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
