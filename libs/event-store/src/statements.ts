/**
 * The store's SQL, built once per schema. Every append is ONE prepared statement: it reads the
 * stream's head, checks the expected version, chains the hashes and inserts, so a command costs
 * a single round trip (ADR 0002 explains the measurements behind this choice).
 */

/** SQL expressions for the fields an event's hash covers. */
interface HashedFields {
  readonly eventId: string;
  readonly streamId: string;
  readonly position: string;
  readonly type: string;
  readonly schemaVersion: string;
  readonly occurredAt: string;
  readonly data: string;
  readonly metadata: string;
}

/**
 * The one hash expression of the chain: SHA-256 of the previous link's hash (empty for a
 * stream's first event) and the event's canonical bytes. jsonb's text form is deterministic
 * (keys sorted, whitespace normalised), so the same expression serves the appends and the
 * verifier, and the chain is computed in SQL only: no Node-side canonical JSON has to match it.
 * Time is taken as epoch microseconds: a timestamptz's text depends on the session's TimeZone.
 */
const linkHash = (previousHash: string, e: HashedFields): string =>
  `sha256(${previousHash} || convert_to(jsonb_build_array(${e.eventId}, ${e.streamId}, ${e.position}, ${e.type},
     ${e.schemaVersion}, (extract(epoch FROM ${e.occurredAt}) * 1000000)::bigint, ${e.data}, ${e.metadata})::text, 'UTF8'))`;

/** A stream's first link has no previous hash. */
const previousOrNone = (previousHash: string): string => `coalesce(${previousHash}, ''::bytea)`;

/** An event being appended to stream $1 by the statement, dated at its start (see below). */
const appended = (e: Omit<HashedFields, 'streamId' | 'occurredAt'>): HashedFields => ({
  ...e,
  streamId: '$1::text',
  occurredAt: 'statement_timestamp()',
});

/** An event of the `append` statement's input row `i`, at `position`. */
const inputEvent = (position: string): HashedFields =>
  appended({
    eventId: 'i.event_id',
    position,
    type: 'i.type',
    schemaVersion: 'i.schema_version',
    data: 'i.data',
    metadata: 'i.metadata',
  });

/** A stored event, as its columns. */
const STORED_EVENT: HashedFields = {
  eventId: 'event_id',
  streamId: 'stream_id',
  position: 'stream_position',
  type: 'type',
  schemaVersion: 'schema_version',
  occurredAt: 'occurred_at',
  data: 'data',
  metadata: 'metadata',
};

/**
 * The chain's hash of a stored event (its own columns, unqualified) after the link whose hash the
 * SQL expression `previousHash` gives (NULL for a stream's first event): the expression `verify`
 * recomputes, for tools that must compute links over stored rows themselves (the transparency
 * tests rewrite a stream with it, as only the database's owner could).
 */
export const storedLinkHash = (previousHash: string): string => linkHash(previousOrNone(previousHash), STORED_EVENT);

/*
 * The transaction id leaves as text under another name: an output column named
 * `transaction_id` would capture `ORDER BY transaction_id` and sort the ids as text.
 */
const EVENT_COLUMNS =
  'event_id, type, schema_version, stream_id, stream_position, global_position, transaction_id::text AS transaction_id_text, occurred_at, data, metadata';

export interface Statements {
  readonly appendOne: string;
  readonly append: string;
  readonly streamVersion: string;
  readonly readStream: string;
  readonly readAll: string;
  readonly verify: (oneStream: boolean) => string;
}

const head = (s: string): string => `
    head AS (
      SELECT coalesce(last.stream_position, 0) AS version, last.hash
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (
        SELECT stream_position, hash FROM ${s}.events
        WHERE stream_id = $1 ORDER BY stream_position DESC LIMIT 1
      ) AS last ON true
      WHERE $2::bigint IS NULL OR coalesce(last.stream_position, 0) = $2::bigint
    )`;

/*
 * An event's time is its append statement's start, not its transaction's (`now()`): inside a
 * transaction opened earlier — a scheduler claiming a due command, a held stock lock — the
 * transaction's start would date the event before the decision that produced it.
 */
export const statementsFor = (s: string): Statements => ({
  /*
   * The common case, one event: the same checks as `append` without arrays or recursion.
   * $1 stream id, $2 expected version (NULL = any), $3 event id, $4 type, $5 schema version,
   * $6 data, $7 metadata.
   */
  appendOne: `
    WITH ${head(s)}
    INSERT INTO ${s}.events (event_id, stream_id, stream_position, type, schema_version, data, metadata, occurred_at, hash)
    SELECT $3::uuid, $1, h.version + 1, $4::text, $5::int, $6::jsonb, $7::jsonb, statement_timestamp(),
           ${linkHash(
             previousOrNone('h.hash'),
             appended({
               eventId: '$3::uuid',
               position: 'h.version + 1',
               type: '$4::text',
               schemaVersion: '$5::int',
               data: '$6::jsonb',
               metadata: '$7::jsonb',
             }),
           )}
    FROM head AS h
    RETURNING stream_position, global_position`,

  /*
   * $1 stream id, $2 expected version (NULL = any), $3..$7 parallel arrays of the new events.
   * When the head does not match, `head` is empty and nothing is inserted (0 rows = conflict).
   * Two appenders that both saw the same head race on UNIQUE (stream_id, stream_position):
   * exactly one wins, the other gets a unique violation.
   */
  append: `
    WITH RECURSIVE ${head(s)},
    input AS (
      SELECT * FROM unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])
        WITH ORDINALITY AS i(event_id, type, schema_version, data, metadata, n)
    ),
    chain AS (
      SELECT i.n, i.event_id, i.type, i.schema_version, i.data, i.metadata,
             h.version + 1 AS stream_position,
             ${linkHash(previousOrNone('h.hash'), inputEvent('h.version + 1'))} AS hash
      FROM head AS h JOIN input AS i ON i.n = 1
      UNION ALL
      SELECT i.n, i.event_id, i.type, i.schema_version, i.data, i.metadata,
             c.stream_position + 1,
             ${linkHash('c.hash', inputEvent('c.stream_position + 1'))}
      FROM chain AS c JOIN input AS i ON i.n = c.n + 1
    )
    INSERT INTO ${s}.events (event_id, stream_id, stream_position, type, schema_version, data, metadata, occurred_at, hash)
    SELECT event_id, $1, stream_position, type, schema_version, data, metadata, statement_timestamp(), hash
    FROM chain ORDER BY n
    RETURNING stream_position, global_position`,

  streamVersion: `SELECT coalesce(max(stream_position), 0) AS version FROM ${s}.events WHERE stream_id = $1`,

  readStream: `
    SELECT ${EVENT_COLUMNS} FROM ${s}.events
    WHERE stream_id = $1 AND stream_position >= $2
    ORDER BY stream_position LIMIT $3`,

  /*
   * Only transactions older than the oldest one still running are read: their outcome can no
   * longer change, so an event committed late by a transaction that began early is never
   * skipped. Order and resume position are (transaction_id, global_position).
   */
  readAll: `
    SELECT ${EVENT_COLUMNS} FROM ${s}.events
    WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      AND (transaction_id, global_position) > ($1::xid8, $2::bigint)
    ORDER BY transaction_id, global_position
    LIMIT $3`,

  /*
   * Recomputes each link from the stored previous hash, so one altered event is reported at
   * its own position, and a deleted one as a gap.
   */
  verify: (oneStream) => `
    WITH links AS (
      SELECT stream_id, stream_position, global_position,
             row_number() OVER w AS expected_position,
             hash = ${linkHash(previousOrNone('lag(hash) OVER w'), STORED_EVENT)} AS hash_holds
      FROM ${s}.events
      ${oneStream ? 'WHERE stream_id = $1' : ''}
      WINDOW w AS (PARTITION BY stream_id ORDER BY stream_position)
    )
    SELECT (SELECT count(*) FROM links) AS checked,
           broken.stream_id, broken.stream_position, broken.global_position,
           broken.expected_position, broken.hash_holds
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT * FROM links
      WHERE NOT hash_holds OR stream_position <> expected_position
      ORDER BY global_position LIMIT 1
    ) AS broken ON true`,
});
