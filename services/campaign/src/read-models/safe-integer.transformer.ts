import type { ValueTransformer } from 'typeorm';

/**
 * Maps a `bigint` column (money in minor units, stream positions) to a JavaScript number.
 * `pg` hands int8 back as a string because it may exceed 2^53; parsing it with a check, rather
 * than `Number()` alone, turns an out-of-range value into an error instead of a silently wrong
 * amount. Nothing here goes through a float: the text must be an integer and stay exact.
 */
export const safeInteger: ValueTransformer = {
  to: (value: unknown): unknown => {
    if (value === null || value === undefined || typeof value === 'function') return value;
    if (typeof value !== 'number' || !Number.isSafeInteger(value))
      throw new RangeError(`a bigint column takes a safe integer, got ${String(value)}`);
    return String(value);
  },
  from: (value: unknown): number | null => {
    if (value === null || value === undefined) return null;
    return parseSafeInteger(value);
  },
};

/** Reads an int8 as `pg` returns it (a decimal string) or a number, refusing anything inexact. */
export const parseSafeInteger = (value: unknown): number => {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text)) throw new RangeError(`not an integer: ${String(value)}`);
  const parsed = Number(text);
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`${text} is beyond the safe integer range`);
  return parsed;
};
