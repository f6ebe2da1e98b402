import type { PoolClient } from 'pg';
import type { MigrationSteps } from '@elan/event-store';

/**
 * The consuming service's inbox, in its own schema: which events each consumer has handled
 * (or dead-lettered), and the last handled position of every source stream. Written in the
 * handler's transaction, it makes redeliveries harmless and keeps each aggregate in order.
 * The first step keeps `IF NOT EXISTS`: schemas made before the one runner (ADR 0015) have the
 * tables already and only gain the record of them.
 */
export const inboxMigrations: MigrationSteps = (s) => [
  {
    id: 'inbox/0001-tables',
    sql: `
      CREATE TABLE IF NOT EXISTS ${s}.inbox (
        consumer     text        NOT NULL,
        event_id     uuid        NOT NULL,
        event_type   text        NOT NULL,
        stream_id    text        NOT NULL,
        stream_position bigint   NOT NULL,
        outcome      text        NOT NULL CHECK (outcome IN ('handled', 'dead_lettered')),
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      );
      CREATE TABLE IF NOT EXISTS ${s}.inbox_streams (
        consumer      text   NOT NULL,
        stream_id     text   NOT NULL,
        last_position bigint NOT NULL,
        PRIMARY KEY (consumer, stream_id)
      );`,
  },
];

export interface InboxEntry {
  readonly eventId: string;
  readonly eventType: string;
  readonly streamId: string;
  readonly streamPosition: number;
  readonly outcome: 'handled' | 'dead_lettered';
}

/** Locks and returns the last handled position of each stream (0 when none was handled). */
export const lockStreamPositions = async (
  client: PoolClient,
  schema: string,
  consumer: string,
  streamIds: readonly string[],
): Promise<Map<string, number>> => {
  const result = await client.query<{ stream_id: string; last_position: string }>(
    `SELECT stream_id, last_position FROM ${schema}.inbox_streams
     WHERE consumer = $1 AND stream_id = ANY($2) ORDER BY stream_id FOR UPDATE`,
    [consumer, streamIds],
  );
  return new Map(result.rows.map((row) => [row.stream_id, Number(row.last_position)]));
};

/**
 * Records entries and advances stream positions. The primary key on (consumer, event_id) is
 * the last line of defence: a second effect of the same event fails the transaction.
 */
export const recordInInbox = async (
  client: PoolClient,
  schema: string,
  consumer: string,
  entries: readonly InboxEntry[],
): Promise<void> => {
  if (entries.length === 0) return;
  await client.query(
    `INSERT INTO ${schema}.inbox (consumer, event_id, event_type, stream_id, stream_position, outcome)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::text[])`,
    [
      consumer,
      entries.map((e) => e.eventId),
      entries.map((e) => e.eventType),
      entries.map((e) => e.streamId),
      entries.map((e) => e.streamPosition),
      entries.map((e) => e.outcome),
    ],
  );
  const last = new Map<string, number>();
  for (const entry of entries) last.set(entry.streamId, Math.max(last.get(entry.streamId) ?? 0, entry.streamPosition));
  await client.query(
    `INSERT INTO ${schema}.inbox_streams (consumer, stream_id, last_position)
     SELECT $1, * FROM unnest($2::text[], $3::bigint[])
     ON CONFLICT (consumer, stream_id) DO UPDATE SET last_position = greatest(inbox_streams.last_position, excluded.last_position)`,
    [consumer, [...last.keys()], [...last.values()]],
  );
};
