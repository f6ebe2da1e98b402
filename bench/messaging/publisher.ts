/**
 * The publishing service (campaign), in the bench's own process: a PostgresEventStore with its
 * OutboxRelay, and the loads that drive it.
 *
 * - `saturate`: writers append 1-event appends as fast as they can, each to streams of its own
 *   (10 appends a stream with the expected version, then a new stream, like a pledge's life),
 *   held back only when `backlog` events are appended but not yet effected on the other side.
 * - `paced`: a scheduler that issues appends at a steady rate — event k is due at
 *   start + k / rate, checked every millisecond — on lanes that each own a stream at a time.
 * - `baselineLoad`: bare JetStream publishes of messages of the same size (same payload, same
 *   envelope headers), `inFlight` of them unacknowledged at any time.
 */
import { randomUUID } from 'node:crypto';
import type { JetStreamClient } from 'nats';
import type { PostgresEventStore, RecordedEvent } from '@elan/event-store';
import { ELAN_STREAM, envelopeHeaders } from '@elan/messaging';
import { benchMetadata, benchPayload, now } from './contract';

const APPENDS_PER_STREAM = 10;
const EVENT_TYPE = 'PledgeRecorded';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Events appended (or messages published) so far, counted as each append is issued and done. */
export interface LoadCounters {
  issued: number;
  done: number;
  appendMs: number[];
}

export const newCounters = (): LoadCounters => ({ issued: 0, done: 0, appendMs: [] });

interface Lane {
  readonly prefix: string;
  stream: number;
  version: number;
}

async function appendOn(store: PostgresEventStore, lane: Lane, counters: LoadCounters): Promise<void> {
  if (lane.version === APPENDS_PER_STREAM) {
    lane.stream++;
    lane.version = 0;
  }
  const streamId = `${lane.prefix}s${lane.stream}`;
  const sequence = lane.version + 1;
  counters.issued++;
  const began = now();
  const result = await store.append(
    streamId,
    [{ type: EVENT_TYPE, data: benchPayload(streamId, sequence, began), metadata: benchMetadata(streamId, sequence) }],
    lane.version === 0 ? 'no_stream' : lane.version,
  );
  counters.appendMs.push(now() - began);
  lane.version = result.nextExpectedVersion;
  counters.done++;
}

export async function saturate(
  store: PostgresEventStore,
  options: {
    writers: number;
    backlog: number;
    tag: string;
    effects: () => number;
    progress: () => Promise<void>;
    stop: () => boolean;
  },
  counters: LoadCounters,
): Promise<void> {
  const writer = async (w: number): Promise<void> => {
    const lane: Lane = { prefix: `pledge-${options.tag}w${w}`, stream: 0, version: 0 };
    while (!options.stop()) {
      // Held back: wait for the consumer's next report rather than spin.
      if (counters.issued - options.effects() >= options.backlog) await options.progress();
      else await appendOn(store, lane, counters);
    }
  };
  await Promise.all(Array.from({ length: options.writers }, (_, w) => writer(w)));
}

export interface PacedStats {
  /** How late appends were issued after their scheduled time, ms. */
  readonly lateMs: number[];
  /** Times the scheduler found every lane busy (the target rate could not be offered). */
  readonly starved: number;
}

export async function paced(
  store: PostgresEventStore,
  options: { ratePerS: number; durationMs: number; lanes: number; tag: string },
  counters: LoadCounters,
): Promise<PacedStats> {
  const free: Lane[] = Array.from({ length: options.lanes }, (_, i) => ({
    prefix: `pledge-${options.tag}l${i}`,
    stream: 0,
    version: 0,
  }));
  const inFlight = new Set<Promise<void>>();
  const interval = 1000 / options.ratePerS;
  const lateMs: number[] = [];
  let starved = 0;
  let k = 0;
  const start = now();
  const end = start + options.durationMs;
  for (let t = now(); t < end; t = now()) {
    // Event k is due at start + k·interval: issue every one that is due, then sleep ~1 ms.
    while (start + k * interval <= t) {
      const lane = free.pop();
      if (!lane) {
        starved++;
        break;
      }
      lateMs.push(now() - (start + k * interval));
      k++;
      const append: Promise<void> = appendOn(store, lane, counters).finally(() => {
        inFlight.delete(append);
        free.push(lane);
      });
      inFlight.add(append);
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  return { lateMs, starved };
}

export async function baselineLoad(
  js: JetStreamClient,
  contract: { subject: string; type: string; version: number },
  options: { inFlight: number; backlog: number; acks: () => number; progress: () => Promise<void>; stop: () => boolean },
  counters: LoadCounters,
): Promise<void> {
  const encoder = new TextEncoder();
  const publisher = async (p: number): Promise<void> => {
    const streamId = `pledge-baseline${p}`;
    let position = 0;
    while (!options.stop()) {
      if (counters.issued - options.acks() >= options.backlog) {
        await options.progress();
        continue;
      }
      position++;
      const began = now();
      const event: RecordedEvent = {
        eventId: randomUUID(),
        type: EVENT_TYPE,
        schemaVersion: 1,
        streamId,
        streamPosition: position,
        globalPosition: 0,
        transactionId: '0',
        occurredAt: new Date(),
        data: benchPayload(streamId, position, began),
        metadata: benchMetadata(streamId, position),
      };
      counters.issued++;
      await js.publish(contract.subject, encoder.encode(JSON.stringify(event.data)), {
        msgID: event.eventId,
        headers: envelopeHeaders(event, contract, position - 1),
        expect: { streamName: ELAN_STREAM },
      });
      counters.appendMs.push(now() - began);
      counters.done++;
    }
  };
  await Promise.all(Array.from({ length: options.inFlight }, (_, p) => publisher(p)));
}

/** Relay batches as NATS sees them: publishes issued together, and how long their acks took. */
export interface RelayTotals {
  batches: number;
  published: number;
  ackWaitMs: number;
  /** Relay transactions that found nothing to publish. */
  emptyPolls: number;
}

/**
 * Wraps the relay's JetStream client to time its batches: the relay issues a batch's publishes
 * in one synchronous pass, then awaits all their acks before it can checkpoint.
 */
export function timedJetStream(js: JetStreamClient, totals: RelayTotals): JetStreamClient {
  let batch: { startedAt: number; acks: Promise<unknown>[] } | undefined;
  const publish: JetStreamClient['publish'] = (subject, payload, options) => {
    if (!batch) {
      const current = (batch = { startedAt: now(), acks: [] });
      queueMicrotask(() => {
        batch = undefined;
        void Promise.allSettled(current.acks).then(() => {
          totals.batches++;
          totals.published += current.acks.length;
          totals.ackWaitMs += now() - current.startedAt;
        });
      });
    }
    const ack = js.publish(subject, payload, options);
    batch.acks.push(ack);
    return ack;
  };
  return new Proxy(js, { get: (target, property) => (property === 'publish' ? publish : Reflect.get(target, property)) });
}
