/**
 * Shapes of events as the store takes and gives them. The envelope follows the architecture
 * brief: explicit `type` strings, a schema version, stream and global positions, metadata that
 * carries correlation, causation, actor and W3C trace context.
 */

export interface EventMetadata {
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Who caused the event: an account id, a service name or `system`. */
  readonly actor?: string;
  /** W3C trace context of the request that produced the event. */
  readonly traceparent?: string;
}

/** An event handed to `append`. `eventId` defaults to a fresh UUID v7. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  readonly eventId?: string;
  readonly type: Type;
  readonly schemaVersion?: number;
  readonly data: Data;
  readonly metadata?: EventMetadata;
}

/**
 * Where an event stands in the service's global log. Subscribers read in
 * `(transactionId, globalPosition)` order, so a checkpoint is this pair, not the position alone
 * (see ADR 0002): a transaction that began early but committed late has a lower transaction id
 * and possibly a higher global position than events already read.
 */
export interface LogPosition {
  /** The inserting transaction's `xid8`, as a decimal string (it is a 64-bit value). */
  readonly transactionId: string;
  readonly globalPosition: number;
}

export const LOG_START: LogPosition = { transactionId: '0', globalPosition: 0 };

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  readonly eventId: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly streamId: string;
  /** 1-based position in its stream; the stream's version is its last event's position. */
  readonly streamPosition: number;
  readonly globalPosition: number;
  readonly transactionId: string;
  readonly occurredAt: Date;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

export const logPositionOf = (event: RecordedEvent): LogPosition => ({
  transactionId: event.transactionId,
  globalPosition: event.globalPosition,
});

/**
 * What the appender expects of the stream: its exact version (number of events), `no_stream`
 * (it must not exist yet) or `any` (no check, for streams that only ever grow by one writer).
 */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface AppendResult {
  /** The stream's version after the append: pass it as the next expected version. */
  readonly nextExpectedVersion: number;
  readonly lastGlobalPosition: number;
}
