import type { EventMetadata, RecordedEvent } from './event';

/** A row as `pg` returns it: bigint columns arrive as strings. */
export interface EventRow {
  event_id: string;
  type: string;
  schema_version: number;
  stream_id: string;
  stream_position: string;
  global_position: string;
  transaction_id_text: string;
  occurred_at: Date;
  data: unknown;
  metadata: EventMetadata;
}

/**
 * Positions are bigint in the database and numbers here: exact up to 2^53, a bound no event
 * log reaches (ids and positions are not money, which never goes through this path).
 */
export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  streamId: row.stream_id,
  streamPosition: Number(row.stream_position),
  globalPosition: Number(row.global_position),
  transactionId: row.transaction_id_text,
  occurredAt: row.occurred_at,
  data: row.data,
  metadata: row.metadata,
});
