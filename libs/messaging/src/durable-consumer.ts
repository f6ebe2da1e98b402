import type { Pool, PoolClient } from 'pg';
import { AckPolicy, DeliverPolicy, type Consumer, type JsMsg, type NatsConnection } from 'nats';
import type { IntegrationEventContract, PayloadOf } from '@elan/contracts';
import { inTransaction, runMigrations } from '@elan/event-store';
import { elanMetrics, withCorrelation } from '@elan/observability';
import { deadLetter } from './dead-letter';
import { readEnvelope, type EnvelopeHeaders } from './headers';
import { inboxMigrations, lockStreamPositions, recordInInbox, type InboxEntry } from './inbox';
import { ELAN_STREAM } from './streams';

export { inboxMigrations } from './inbox';

export interface HandlerContext {
  readonly envelope: EnvelopeHeaders;
  /** The transaction the inbox entry commits in: write the handler's effects with it. */
  readonly client: PoolClient;
}

export interface IntegrationEventHandler<C extends IntegrationEventContract = IntegrationEventContract> {
  readonly contract: C;
  handle(payload: PayloadOf<C>, context: HandlerContext): Promise<void>;
}

/** Pairs a contract with its handler, keeping the payload type. */
export const on = <C extends IntegrationEventContract>(
  contract: C,
  handle: (payload: PayloadOf<C>, context: HandlerContext) => Promise<void>,
): IntegrationEventHandler => ({ contract, handle }) as IntegrationEventHandler;

export interface DurableConsumerOptions {
  readonly nc: NatsConnection;
  readonly pool: Pool;
  /** The consuming service's schema, which holds its inbox. */
  readonly schema: string;
  /** `<service>-<purpose>`: one durable consumer per consuming service and purpose. */
  readonly durableName: string;
  readonly handlers: readonly IntegrationEventHandler[];
  /** Handler failures before a message is dead-lettered (default 5). */
  readonly maxDeliver?: number;
  /** Back-off before the n-th redelivery after a failure (default 100 ms doubling, at most 10 s). */
  readonly backoffMs?: (deliveryCount: number) => number;
  readonly batchSize?: number;
  /** How long the server waits for an ack before redelivering (default 30 s). */
  readonly ackWaitMs?: number;
  readonly onError?: (error: unknown, message: { subject: string; eventId?: string }) => void;
}

type Outcome = { kind: 'ack' } | { kind: 'retry'; error: unknown } | { kind: 'later' } | { kind: 'dead_letter'; reason: string };

interface Incoming {
  readonly msg: JsMsg;
  readonly envelope: EnvelopeHeaders;
  /** Absent for a type this consumer does not handle: only its position is recorded. */
  readonly handler: IntegrationEventHandler | undefined;
  readonly payload: unknown;
}

/** A pull request waits this long for messages (the client's minimum). */
const PULL_EXPIRES_MS = 1_000;
const PULL_RETRY_MS = 250;
/** Redelivery delay when a message waits for its predecessor in the same stream. */
const WAIT_FOR_PREDECESSOR_MS = 50;
/** A predecessor that never comes (lost by the bus): after this many waits, dead-letter. */
const MAX_WAITS_FOR_PREDECESSOR = 2_000;
const decoder = new TextDecoder();

/**
 * A durable pull consumer of integration events (ADR 0005). Messages are handled in batches,
 * each batch in one database transaction that also writes the inbox; acknowledgements follow
 * the commit. A failing batch is replayed message by message to isolate the culprit, which is
 * retried with back-off and dead-lettered after `maxDeliver` failures while the others flow.
 */
export class DurableConsumer {
  private puller: Promise<void> | undefined;
  private room: (() => void) | undefined;
  private readonly queue: JsMsg[] = [];
  private wake: (() => void) | undefined;
  private worker: Promise<void> | undefined;
  private running = false;
  private readonly byType: Map<string, IntegrationEventHandler>;
  private readonly filterSubject: string;
  private readonly metrics: ReturnType<typeof consumerMetrics>;

  constructor(private readonly options: DurableConsumerOptions) {
    this.byType = new Map(options.handlers.map((h) => [`${h.contract.type}.v${h.contract.version}`, h]));
    this.filterSubject = commonFilter(options.handlers.map((h) => h.contract.subject));
    this.metrics = consumerMetrics(options.durableName);
  }

  get name(): string {
    return this.options.durableName;
  }

  async start(): Promise<void> {
    // A no-op once the service has run its list at start-up (ADR 0015); a consumer alone still works.
    await runMigrations(this.options.pool, this.options.schema, [inboxMigrations]);
    const jsm = await this.options.nc.jetstreamManager();
    const config = {
      durable_name: this.name,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.filterSubject,
      ack_wait: (this.options.ackWaitMs ?? 30_000) * 1_000_000,
      // Redeliveries are counted by us (handler failures only): waiting for a predecessor
      // must not use up a message's attempts.
      max_deliver: -1,
      max_ack_pending: 1_000,
    };
    await jsm.consumers.add(ELAN_STREAM, config).catch(async () => jsm.consumers.update(ELAN_STREAM, this.name, config));
    const consumer = await this.options.nc.jetstream().consumers.get(ELAN_STREAM, this.name);
    this.running = true;
    this.puller = this.pull(consumer);
    this.worker = this.work();
  }

  /**
   * Stops pulling, lets the pull request in flight end (at most PULL_EXPIRES_MS) so no message
   * is left delivered-but-unseen, finishes the batch in hand, and hands back the rest at once.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.room?.();
    await this.puller;
    this.wake?.();
    await this.worker;
    for (const msg of this.queue.splice(0)) msg.nak();
  }

  /**
   * Bounded pull requests, one after the other. Unlike a continuous `consume()`, whose open
   * pull request keeps delivering to a closed subscription after shutdown (those messages then
   * wait out the ack timeout), every message a fetch brings is seen before the next begins.
   */
  private async pull(consumer: Consumer): Promise<void> {
    const batchSize = this.options.batchSize ?? 200;
    while (this.running) {
      if (this.queue.length >= batchSize * 2) {
        await new Promise<void>((resolve) => (this.room = resolve));
        this.room = undefined;
        continue;
      }
      try {
        const messages = await consumer.fetch({ max_messages: batchSize, expires: PULL_EXPIRES_MS });
        for await (const msg of messages) {
          // Arriving while stopping: straight back to the server for another replica.
          if (!this.running) msg.nak();
          else {
            this.queue.push(msg);
            this.wake?.();
          }
        }
      } catch (error) {
        // The connection is down or the consumer is being re-created: try again shortly.
        this.options.onError?.(error, { subject: this.filterSubject });
        await new Promise((resolve) => setTimeout(resolve, PULL_RETRY_MS));
      }
    }
  }

  private async work(): Promise<void> {
    const batchSize = this.options.batchSize ?? 200;
    while (this.running || this.queue.length > 0) {
      if (this.queue.length === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      await this.processBatch(this.queue.splice(0, batchSize));
      this.room?.();
    }
  }

  private async processBatch(batch: readonly JsMsg[]): Promise<void> {
    this.measureArrival(batch);
    const incoming: Incoming[] = [];
    for (const msg of batch) {
      const decoded = this.decode(msg);
      if ('reason' in decoded) await this.settle(msg, { kind: 'dead_letter', reason: decoded.reason }, decoded.envelope);
      // A type this consumer does not handle still takes its place in its stream: the next event
      // of that stream names it as predecessor and would otherwise wait for it for ever.
      else incoming.push({ msg, envelope: decoded.envelope, handler: decoded.handler, payload: decoded.payload });
    }
    if (incoming.length === 0) return;
    let outcomes: Outcome[] | undefined;
    try {
      outcomes = await this.handleInTransaction(incoming);
    } catch {
      // Someone in the batch failed: replay one by one so only the culprit waits.
    }
    for (const [i, item] of incoming.entries()) {
      let outcome = outcomes?.[i];
      if (!outcome) {
        try {
          outcome = (await this.handleInTransaction([item]))[0] ?? { kind: 'later' };
        } catch (error) {
          outcome = this.afterFailure(item, error);
        }
      }
      await this.settle(item.msg, outcome, item.envelope);
    }
  }

  /** Lag from JetStream's storage to now, redeliveries, and the consumer's pending count. */
  private measureArrival(batch: readonly JsMsg[]): void {
    const now = Date.now();
    for (const msg of batch) {
      const { info } = msg;
      this.metrics.lag.observe(Math.max(0, now - info.timestampNanos / 1_000_000) / 1_000);
      if (info.redelivered) this.metrics.redeliveries.inc();
    }
    const last = batch[batch.length - 1];
    if (last) this.metrics.pending.set(last.info.pending);
  }

  private decode(
    msg: JsMsg,
  ):
    | { reason: string; envelope?: EnvelopeHeaders }
    | { envelope: EnvelopeHeaders; handler?: IntegrationEventHandler; payload?: unknown } {
    let envelope: EnvelopeHeaders;
    try {
      envelope = readEnvelope(msg.headers);
    } catch (error) {
      return { reason: `malformed envelope: ${(error as Error).message}` };
    }
    const handler = this.byType.get(`${envelope.eventType}.v${envelope.schemaVersion}`);
    if (!handler) return { envelope };
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(msg.data));
    } catch {
      return { reason: 'invalid payload: not JSON', envelope };
    }
    const parsed = handler.contract.schema.safeParse(json);
    if (!parsed.success)
      return {
        reason: `invalid payload for ${handler.contract.subject}: ${parsed.error.issues
          .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
          .join('; ')}`,
        envelope,
      };
    return { envelope, handler, payload: parsed.data };
  }

  /**
   * Handles messages in one transaction. Positions come first: a message at or below its
   * stream's last handled position is a duplicate; one whose predecessor was not handled yet
   * waits, and so does everything after it from the same stream.
   */
  private handleInTransaction(items: readonly Incoming[]): Promise<Outcome[]> {
    const { pool, schema, durableName } = this.options;
    return inTransaction(pool, async (client) => {
      const last = await lockStreamPositions(client, schema, durableName, [...new Set(items.map((i) => i.envelope.streamId))]);
      const blocked = new Set<string>();
      const entries: InboxEntry[] = [];
      const outcomes: Outcome[] = [];
      for (const { envelope, handler, payload } of items) {
        const lastPosition = last.get(envelope.streamId) ?? 0;
        if (blocked.has(envelope.streamId)) outcomes.push({ kind: 'later' });
        else if (envelope.streamPosition <= lastPosition) outcomes.push({ kind: 'ack' });
        else if (envelope.previousPosition > lastPosition) {
          blocked.add(envelope.streamId);
          outcomes.push({ kind: 'later' });
        } else {
          // The handler's log lines name the chain of events it belongs to.
          if (handler)
            await withCorrelation(envelope.correlationId, () => handler.handle(payload as never, { envelope, client }));
          last.set(envelope.streamId, envelope.streamPosition);
          entries.push(inboxEntry(envelope, 'handled'));
          outcomes.push({ kind: 'ack' });
        }
      }
      await recordInInbox(client, schema, durableName, entries);
      return outcomes;
    });
  }

  private afterFailure(item: Incoming, error: unknown): Outcome {
    this.options.onError?.(error, { subject: item.msg.subject, eventId: item.envelope.eventId });
    this.metrics.failures.inc();
    const failures = item.msg.info.deliveryCount;
    if (failures >= (this.options.maxDeliver ?? 5))
      return { kind: 'dead_letter', reason: `handler failed ${failures} times: ${describe(error)}` };
    return { kind: 'retry', error };
  }

  private async settle(msg: JsMsg, outcome: Outcome, envelope?: EnvelopeHeaders): Promise<void> {
    // A wait that turns into a dead letter is counted once, as the dead letter.
    if (outcome.kind !== 'later' || msg.info.deliveryCount < MAX_WAITS_FOR_PREDECESSOR) this.metrics.settled[outcome.kind].inc();
    switch (outcome.kind) {
      case 'ack':
        msg.ack();
        return;
      case 'retry': {
        const backoff = this.options.backoffMs ?? ((n: number) => Math.min(100 * 2 ** (n - 1), 10_000));
        msg.nak(backoff(msg.info.deliveryCount));
        return;
      }
      case 'later':
        if (msg.info.deliveryCount >= MAX_WAITS_FOR_PREDECESSOR)
          return this.settle(msg, { kind: 'dead_letter', reason: 'its predecessor in the stream never arrived' }, envelope);
        msg.nak(WAIT_FOR_PREDECESSOR_MS);
        return;
      case 'dead_letter':
        try {
          await this.deadLetter(msg, outcome.reason, envelope);
          msg.term(outcome.reason);
          this.metrics.deadLetters.inc();
        } catch (error) {
          // Could not file it: keep the message, and try again on its redelivery.
          this.options.onError?.(error, { subject: msg.subject, ...(envelope && { eventId: envelope.eventId }) });
          msg.nak(1_000);
        }
        return;
    }
  }

  /**
   * Copies the message to the dead letters, then records it in the inbox so the later messages
   * of its stream may flow. In that order: a crash in between dead-letters again on the
   * redelivery (de-duplicated), never drops the message silently.
   */
  private async deadLetter(msg: JsMsg, reason: string, envelope?: EnvelopeHeaders): Promise<void> {
    await deadLetter(this.options.nc, msg, this.name, reason);
    if (!envelope) return;
    await inTransaction(this.options.pool, async (client) => {
      const last = await lockStreamPositions(client, this.options.schema, this.name, [envelope.streamId]);
      if ((last.get(envelope.streamId) ?? 0) < envelope.streamPosition)
        await recordInInbox(client, this.options.schema, this.name, [inboxEntry(envelope, 'dead_lettered')]);
    });
  }
}

const inboxEntry = (envelope: EnvelopeHeaders, outcome: InboxEntry['outcome']): InboxEntry => ({
  eventId: envelope.eventId,
  eventType: envelope.eventType,
  streamId: envelope.streamId,
  streamPosition: envelope.streamPosition,
  outcome,
});

/** A durable's series, bound once: settling a message costs an increment, not a label lookup. */
const consumerMetrics = (durable: string) => ({
  lag: elanMetrics.consumerLag.labels({ durable }),
  redeliveries: elanMetrics.consumerRedeliveries.labels({ durable }),
  failures: elanMetrics.consumerFailures.labels({ durable }),
  deadLetters: elanMetrics.deadLetters.labels({ durable }),
  pending: elanMetrics.consumerPending.labels({ durable }),
  settled: {
    ack: elanMetrics.consumerDeliveries.labels({ durable, outcome: 'ack' }),
    retry: elanMetrics.consumerDeliveries.labels({ durable, outcome: 'retry' }),
    later: elanMetrics.consumerDeliveries.labels({ durable, outcome: 'later' }),
    dead_letter: elanMetrics.consumerDeliveries.labels({ durable, outcome: 'dead_letter' }),
  },
});

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * The publisher-wide filter subject, `elan.<service>.>` (NATS 2.9 takes one filter): never one
 * type alone. Positions chain every event a publisher's stream published, whatever its type, so a
 * consumer must see the types it ignores too, or the next event it handles would wait for ever
 * for a predecessor filtered away.
 */
const commonFilter = (subjects: readonly string[]): string => {
  const split = subjects.map((s) => s.split('.'));
  const common: string[] = [];
  for (let i = 0; i < 2; i++) {
    const token = split[0]?.[i];
    if (token === undefined || !split.every((parts) => parts[i] === token)) break;
    common.push(token);
  }
  return [...common, '>'].join('.');
};
