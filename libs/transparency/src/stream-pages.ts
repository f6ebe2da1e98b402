import type { Pool, PoolClient } from 'pg';
import { assertSchemaName } from '@elan/event-store';
import type { StreamHead } from './checkpoint';

/** Which streams a page holds: those of one category having at least one event that meets a condition. */
export interface StreamPageSelection {
  /** The category's stream-id prefix, such as `pledge-`: letters, digits, `-` and `_`. */
  readonly prefix: string;
  /**
   * The SQL condition on an event (its `type` and `data`) that puts its stream in the page. The
   * same text should make the partial index that serves the page: PostgreSQL uses the index only
   * when the two say the same.
   */
  readonly selectedBy: string;
}

export interface StreamPageRequest {
  /** The id after the prefix of the last stream of the previous page; the first page without it. */
  readonly after?: string | null;
  readonly limit: number;
  /** The event types whose data the fold reads (the others are read for their head only); every type's without it. */
  readonly dataOf?: readonly string[];
}

/** A stream of the page: its id after the prefix, its head, and the events whose data was read, in order. */
export interface PagedStream {
  readonly id: string;
  readonly head: StreamHead;
  readonly events: ReadonlyArray<{ readonly type: string; readonly data: unknown }>;
}

export interface StreamPage {
  readonly streams: readonly PagedStream[];
  /** The `after` of the next page; null when this page is the last. */
  readonly next: string | null;
}

interface PageRow {
  stream_id: string;
  stream_position: string;
  hash: string;
  type: string;
  data: unknown;
}

/**
 * One statement reads the page of streams and all their events, so each stream and the head it
 * names come from one snapshot. Ids are compared in byte order (`COLLATE "C"`), whatever the
 * database's collation; every stream shares the prefix, so stream-id order is the ids' order.
 * Parameters: $1 the stream id to start after, $2 the page size, $3 the types whose data is read
 * (null: every type's).
 */
export const streamPageSql = (schema: string, { prefix, selectedBy }: StreamPageSelection): string => {
  // Spliced into the SQL as a literal (the partial index's plan wants it so): only plain characters.
  if (!/^[A-Za-z0-9_-]+$/.test(prefix)) throw new RangeError(`a stream prefix of letters, digits, - and _: "${prefix}"`);
  const s = assertSchemaName(schema);
  return `
  WITH page AS (
    SELECT stream_id FROM ${s}.events
    WHERE stream_id LIKE '${prefix.replace(/_/g, '\\_')}%' AND stream_id COLLATE "C" > $1
      AND ${selectedBy}
    ORDER BY stream_id COLLATE "C"
    LIMIT $2
  )
  SELECT e.stream_id, e.stream_position, encode(e.hash, 'hex') AS hash, e.type,
         CASE WHEN $3::text[] IS NULL OR e.type = ANY($3::text[]) THEN e.data END AS data
  FROM ${s}.events e JOIN page ON page.stream_id = e.stream_id
  ORDER BY e.stream_id COLLATE "C", e.stream_position`;
};

/** The rows of each stream, in the order read. */
const byStream = (rows: readonly PageRow[]): PageRow[][] =>
  rows.reduce<PageRow[][]>((streams, row) => {
    const current = streams[streams.length - 1];
    if (current?.[0]?.stream_id === row.stream_id) current.push(row);
    else streams.push([row]);
    return streams;
  }, []);

/**
 * One page of the selected streams after `after`, in id order, each with its head and its
 * events, for a service to fold into its facts. A page as long as `limit` may have a next one.
 */
export const readStreamPage = async (
  db: Pool | PoolClient,
  schema: string,
  selection: StreamPageSelection,
  { after, limit, dataOf }: StreamPageRequest,
): Promise<StreamPage> => {
  const { prefix } = selection;
  const { rows } = await db.query<PageRow>(streamPageSql(schema, selection), [`${prefix}${after ?? ''}`, limit, dataOf ?? null]);
  const streams = byStream(rows).flatMap((stream): PagedStream[] => {
    const head = stream[stream.length - 1];
    if (!head) return [];
    return [
      {
        id: head.stream_id.slice(prefix.length),
        head: { streamId: head.stream_id, position: Number(head.stream_position), hash: head.hash },
        events: stream.filter((row) => row.data !== null).map(({ type, data }) => ({ type, data })),
      },
    ];
  });
  const last = streams[streams.length - 1];
  return { streams, next: streams.length === limit && last ? last.id : null };
};
