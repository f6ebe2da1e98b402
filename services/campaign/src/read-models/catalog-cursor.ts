import { isUuid, ValidationError } from '@elan/domain-kernel';

/**
 * Opaque cursors for keyset pagination: base64url of `[version, sort, key, campaignId]`, where
 * `key` is the sort column's value of the last item shown. The campaign id breaks ties, so
 * campaigns with the same key are neither skipped nor repeated, and a page boundary holds even
 * when rows are inserted meanwhile (unlike OFFSET). Clients must not read or build them.
 */

const CURSOR_VERSION = 1;
const MAX_CURSOR_LENGTH = 512;
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 50;

/** What a sort key is, so a decoded key is checked before it reaches SQL. */
export type SortKeyKind = 'instant' | 'integer';

export interface CursorPosition {
  /** The sort the cursor was made for; another sort refuses it. */
  readonly sort: string;
  readonly key: string;
  readonly campaignId: string;
}

export const encodeCursor = (position: CursorPosition): string =>
  Buffer.from(JSON.stringify([CURSOR_VERSION, position.sort, position.key, position.campaignId]), 'utf8').toString('base64url');

const invalidCursor = (why: string): ValidationError => new ValidationError(`cursor ${why}`, { field: 'cursor' });

/**
 * A key this API could have written: amounts are safe integers (inside `bigint`, and exact in
 * JavaScript); instants are what `toISOString` writes for years 1 to 9999 — which PostgreSQL's
 * `timestamptz` also reads. Anything else would reach SQL as a cast that overflows (a 22003 or
 * 22008 error, so far a 500); it is refused as the cursor it is.
 */
const validKey = (key: string, kind: SortKeyKind): boolean =>
  kind === 'integer' ? /^-?\d{1,16}$/.test(key) && Number.isSafeInteger(Number(key)) : isInstantOfOurEra(key);

const ISO_INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const isInstantOfOurEra = (key: string): boolean => {
  const year = ISO_INSTANT.exec(key)?.[1];
  if (year === undefined || Number(year) < 1) return false;
  const instant = new Date(key);
  return !Number.isNaN(instant.getTime()) && instant.toISOString() === key;
};

export const decodeCursor = (cursor: string, sort: string, kind: SortKeyKind): CursorPosition => {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor))
    throw invalidCursor('is not one this API gave');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('is not one this API gave');
  }
  if (!Array.isArray(decoded) || decoded.length !== 4 || decoded[0] !== CURSOR_VERSION)
    throw invalidCursor('is not one this API gave');
  const [, cursorSort, key, campaignId] = decoded as [unknown, unknown, unknown, unknown];
  if (cursorSort !== sort) throw invalidCursor(`belongs to another sort than ${sort}`);
  if (typeof key !== 'string' || !validKey(key, kind) || typeof campaignId !== 'string' || !isUuid(campaignId))
    throw invalidCursor('is not one this API gave');
  return { sort, key, campaignId };
};

/** The page size asked for: a whole number from 1 to 50, 20 when absent. */
export const pageLimit = (limit: number | undefined): number => {
  if (limit === undefined) return DEFAULT_PAGE_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT)
    throw new ValidationError(`limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}`, { field: 'limit' });
  return limit;
};
