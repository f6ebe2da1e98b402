import { isUuid, ValidationError } from '@elan/domain-kernel';

/**
 * Opaque cursors for the keyset pages of a campaign's pledges (backers, messages): base64url of
 * `[version, list, committedAt, pledgeId]`, the position of the last item shown. The pledge id
 * breaks ties between pledges committed in the same millisecond, so none is skipped or repeated,
 * and a page boundary holds while new pledges arrive (unlike OFFSET). Clients must not build them.
 */

/** 2: the position gained `placedAt`, which orders commitments of one second (Stripe's time) as they were made. */
const CURSOR_VERSION = 2;
const MAX_CURSOR_LENGTH = 500;
export const DEFAULT_PAGE_LIMIT = 20;

export interface PledgePosition {
  readonly committedAt: string;
  readonly placedAt: string;
  readonly pledgeId: string;
}

export const encodePledgeCursor = (list: string, position: PledgePosition): string =>
  Buffer.from(
    JSON.stringify([CURSOR_VERSION, list, position.committedAt, position.placedAt, position.pledgeId]),
    'utf8',
  ).toString('base64url');

const refused = (): ValidationError => new ValidationError('cursor is not one this API gave', { field: 'cursor' });

/** What `toISOString` writes for years 1 to 9999, which `timestamptz` reads: nothing else reaches SQL. */
const isInstant = (key: unknown): key is string => {
  if (typeof key !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(key) || key.startsWith('0000'))
    return false;
  const instant = new Date(key);
  return !Number.isNaN(instant.getTime()) && instant.toISOString() === key;
};

export const decodePledgeCursor = (list: string, cursor: string): PledgePosition => {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refused();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused();
  }
  if (!Array.isArray(decoded) || decoded.length !== 5) throw refused();
  const [version, cursorList, committedAt, placedAt, pledgeId] = decoded as unknown[];
  if (version !== CURSOR_VERSION || cursorList !== list || !isInstant(committedAt) || !isInstant(placedAt)) throw refused();
  if (typeof pledgeId !== 'string' || !isUuid(pledgeId)) throw refused();
  return { committedAt, placedAt, pledgeId };
};

/** The position of a row, for the cursor after it. */
export const positionOf = (row: {
  readonly committed_at: Date | null;
  readonly placed_at: Date;
  readonly pledge_id: string;
}): PledgePosition => {
  if (!row.committed_at) throw new Error(`pledge ${row.pledge_id} has no commitment to page on`);
  return { committedAt: row.committed_at.toISOString(), placedAt: row.placed_at.toISOString(), pledgeId: row.pledge_id };
};
