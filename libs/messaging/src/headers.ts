import { headers as natsHeaders, type MsgHdrs } from 'nats';
import type { RecordedEvent } from '@elan/event-store';

/**
 * Headers every integration event carries. Beside tracing, they let a consumer de-duplicate
 * (`event id`) and keep each aggregate's order (`stream id`, `position`, and the position of
 * the previous event published from that stream).
 */
export const HEADER = {
  eventId: 'Elan-Event-Id',
  eventType: 'Elan-Event-Type',
  schemaVersion: 'Elan-Schema-Version',
  streamId: 'Elan-Stream-Id',
  streamPosition: 'Elan-Stream-Position',
  previousPosition: 'Elan-Previous-Position',
  occurredAt: 'Elan-Occurred-At',
  correlationId: 'Elan-Correlation-Id',
  causationId: 'Elan-Causation-Id',
  traceparent: 'traceparent',
} as const;

export interface EnvelopeHeaders {
  readonly eventId: string;
  readonly eventType: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamPosition: number;
  /** 0 when this is the first event of its stream that was published. */
  readonly previousPosition: number;
  readonly occurredAt: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly traceparent?: string;
}

export const envelopeHeaders = (
  event: RecordedEvent,
  integration: { type: string; version: number },
  previousPosition: number,
): MsgHdrs => {
  const h = natsHeaders();
  h.set(HEADER.eventId, event.eventId);
  h.set(HEADER.eventType, integration.type);
  h.set(HEADER.schemaVersion, String(integration.version));
  h.set(HEADER.streamId, event.streamId);
  h.set(HEADER.streamPosition, String(event.streamPosition));
  h.set(HEADER.previousPosition, String(previousPosition));
  h.set(HEADER.occurredAt, event.occurredAt.toISOString());
  // A correlation id always travels: the event itself starts a chain when nothing came before.
  h.set(HEADER.correlationId, event.metadata.correlationId ?? event.eventId);
  h.set(HEADER.causationId, event.metadata.causationId ?? event.eventId);
  if (event.metadata.traceparent) h.set(HEADER.traceparent, event.metadata.traceparent);
  return h;
};

export class MalformedEnvelopeError extends Error {}

const required = (h: MsgHdrs | undefined, name: string): string => {
  const value = h?.get(name);
  if (!value) throw new MalformedEnvelopeError(`header ${name} is missing`);
  return value;
};

const integer = (h: MsgHdrs | undefined, name: string): number => {
  const value = Number(required(h, name));
  if (!Number.isSafeInteger(value) || value < 0) throw new MalformedEnvelopeError(`header ${name} is not a position`);
  return value;
};

export const readEnvelope = (h: MsgHdrs | undefined): EnvelopeHeaders => {
  const optional = (name: string): string | undefined => h?.get(name) || undefined;
  return {
    eventId: required(h, HEADER.eventId),
    eventType: required(h, HEADER.eventType),
    schemaVersion: integer(h, HEADER.schemaVersion),
    streamId: required(h, HEADER.streamId),
    streamPosition: integer(h, HEADER.streamPosition),
    previousPosition: integer(h, HEADER.previousPosition),
    occurredAt: required(h, HEADER.occurredAt),
    ...(optional(HEADER.correlationId) && { correlationId: optional(HEADER.correlationId) }),
    ...(optional(HEADER.causationId) && { causationId: optional(HEADER.causationId) }),
    ...(optional(HEADER.traceparent) && { traceparent: optional(HEADER.traceparent) }),
  };
};
