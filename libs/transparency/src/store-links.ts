import type { Pool, PoolClient } from 'pg';
import { assertSchemaName } from '@elan/event-store';
import { compareStreamIds, type StreamHead } from './checkpoint';

/** One link of a stream's hash chain; the previous link's hash is the link at `position - 1`. */
export interface StreamLink {
  readonly position: number;
  /** Lowercase hex of the store's `hash`. */
  readonly hash: string;
  readonly type: string;
  /** ISO 8601 UTC, to the millisecond. */
  readonly occurredAt: string;
}

/** Which streams' heads to read: these streams, or every stream whose id starts with a prefix. */
export type HeadSelection = { readonly streamIds: readonly string[] } | { readonly prefixes: readonly string[] };

export interface ReadLinksOptions {
  /** Last position to read (default: the head). */
  readonly toPosition?: number;
  readonly limit?: number;
}

type Queryable = Pool | PoolClient;

interface HeadRow {
  stream_id: string;
  stream_position: string;
  hash: string;
}

interface LinkRow {
  stream_position: string;
  hash: string;
  type: string;
  occurred_at: Date;
}

/*
 * The schema is spliced into the SQL as the store does it: checked by `assertSchemaName`, then
 * written unquoted (identifiers cannot be bind parameters). The head of a stream is its row of
 * the highest position: DISTINCT ON keeps the first row of each stream in that order.
 */
const headsSql = (schema: string, where: string): string => `
  SELECT DISTINCT ON (stream_id) stream_id, stream_position, encode(hash, 'hex') AS hash
  FROM ${assertSchemaName(schema)}.events
  WHERE ${where}
  ORDER BY stream_id, stream_position DESC`;

/** A LIKE pattern matching the strings that start with `prefix`, its wildcards escaped. */
const startsWith = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The heads of the selected streams in an event store's schema, in one statement (one snapshot),
 * sorted by stream id as a checkpoint lists them. A stream with no event has no head.
 */
export const readHeads = async (db: Queryable, schema: string, selection: HeadSelection): Promise<StreamHead[]> => {
  const byId = 'streamIds' in selection;
  const chosen = byId ? selection.streamIds : selection.prefixes;
  if (!byId && chosen.some((prefix) => prefix.length === 0)) throw new RangeError('a stream prefix must not be empty');
  if (chosen.length === 0) return [];
  const sql = headsSql(schema, byId ? 'stream_id = ANY($1::text[])' : 'stream_id LIKE ANY($1::text[])');
  const values = [byId ? chosen : chosen.map(startsWith)];
  const { rows } = await db.query<HeadRow>(sql, values);
  return rows
    .map((row) => ({ streamId: row.stream_id, position: Number(row.stream_position), hash: row.hash }))
    .sort((a, b) => compareStreamIds(a.streamId, b.streamId));
};

/** The links of one stream from a position (1-based, default 1), in order. */
export const readLinks = async (
  db: Queryable,
  schema: string,
  streamId: string,
  fromPosition = 1,
  options: ReadLinksOptions = {},
): Promise<StreamLink[]> => {
  const { rows } = await db.query<LinkRow>(
    `SELECT stream_position, encode(hash, 'hex') AS hash, type, occurred_at
     FROM ${assertSchemaName(schema)}.events
     WHERE stream_id = $1 AND stream_position >= $2 AND ($3::bigint IS NULL OR stream_position <= $3::bigint)
     ORDER BY stream_position
     LIMIT $4`,
    [streamId, fromPosition, options.toPosition ?? null, options.limit ?? null],
  );
  return rows.map((row) => ({
    position: Number(row.stream_position),
    hash: row.hash,
    type: row.type,
    occurredAt: row.occurred_at.toISOString(),
  }));
};
