import type { PoolClient } from 'pg';
import type { JetStreamClient } from 'nats';
import type { IntegrationEventContract } from '@elan/contracts';
import {
  runMigrations,
  type MigrationSteps,
  type PostgresEventStore,
  type RecordedEvent,
  type Subscription,
} from '@elan/event-store';
import { elanMetrics, measureOutboxBacklog } from '@elan/observability';
import { envelopeHeaders } from './headers';
import { ELAN_STREAM } from './streams';

/** What a domain event becomes on the bus; `null` keeps it inside the service. */
export type IntegrationMapping = { readonly contract: IntegrationEventContract; readonly payload: unknown } | null;

export interface OutboxRelayOptions {
  readonly store: PostgresEventStore;
  readonly js: JetStreamClient;
  readonly map: (event: RecordedEvent) => IntegrationMapping;
  /** Checkpoint name; one relay per service schema is the norm. */
  readonly name?: string;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  readonly onError?: (error: unknown) => void;
}

const encoder = new TextEncoder();

/**
 * The last published position of each stream, kept with the relay's checkpoint: it gives
 * consumers the predecessor of every message so they can hold back one that overtook it.
 * `IF NOT EXISTS`: schemas made before the one runner (ADR 0015) have the table already.
 */
export const outboxMigrations: MigrationSteps = (s) => [
  {
    id: 'outbox/0001-heads',
    sql: `CREATE TABLE IF NOT EXISTS ${s}.outbox_heads (stream_id text PRIMARY KEY, last_published_position bigint NOT NULL)`,
  },
];

/**
 * Publishes a service's integration events from its own event log — never inline after an
 * append. Each batch is published with `Nats-Msg-Id = eventId` and every publish acknowledgement
 * is awaited before the checkpoint advances in the same transaction; a crash in between
 * republishes, which JetStream (within its window) and the consumers' inboxes (beyond it) absorb.
 */
export class OutboxRelay {
  private readonly subscription: Subscription;
  private readonly table: string;
  private readonly checkpoint: string;
  private stopMeasuring: (() => void) | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.table = `${options.store.schema}.outbox_heads`;
    this.checkpoint = options.name ?? 'outbox';
    this.subscription = options.store.subscribe({
      name: this.checkpoint,
      batchSize: options.batchSize ?? 500,
      pollIntervalMs: options.pollIntervalMs ?? 250,
      handle: (events, client) => this.publish(events, client),
      ...(options.onError && { onError: options.onError }),
    });
  }

  async start(): Promise<void> {
    // A no-op once the service has run its list at start-up (ADR 0015); a relay alone still works.
    await runMigrations(this.options.store.pool, this.options.store.schema, [outboxMigrations]);
    await this.subscription.start();
    this.stopMeasuring = measureOutboxBacklog(this.options.store.schema, () => this.backlog());
  }

  stop(): Promise<void> {
    this.stopMeasuring?.();
    return this.subscription.stop();
  }

  /**
   * Events after the relay's checkpoint, in the log's order (its key serves the scan); counted
   * on scrape only, and at most a million so a huge backlog never makes a slow scrape.
   */
  private async backlog(): Promise<number> {
    const { pool, schema } = this.options.store;
    const result = await pool.query<{ backlog: string }>(
      `SELECT count(*) AS backlog FROM (
         SELECT 1 FROM ${schema}.events e, ${schema}.checkpoints c
         WHERE c.subscription = $1 AND (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)
         LIMIT 1000000) behind`,
      [this.checkpoint],
    );
    return Number(result.rows[0]?.backlog ?? 0);
  }

  private async publish(events: readonly RecordedEvent[], client: PoolClient): Promise<void> {
    const outgoing = events.flatMap((event) => {
      const mapping = this.options.map(event);
      if (!mapping) return [];
      // A payload that breaks its contract is a bug of the publisher: stop here, loudly.
      const payload = mapping.contract.schema.parse(mapping.payload);
      return [{ event, contract: mapping.contract, payload }];
    });
    if (outgoing.length === 0) return;

    const streamIds = [...new Set(outgoing.map((o) => o.event.streamId))];
    const heads = await client.query<{ stream_id: string; last_published_position: string }>(
      `SELECT stream_id, last_published_position FROM ${this.table} WHERE stream_id = ANY($1)`,
      [streamIds],
    );
    const last = new Map(heads.rows.map((row) => [row.stream_id, Number(row.last_published_position)]));

    const publications = outgoing.map(({ event, contract, payload }) => {
      const previous = last.get(event.streamId) ?? 0;
      last.set(event.streamId, event.streamPosition);
      // Sent in order on one connection, acknowledged concurrently: pipelining, not reordering.
      return this.options.js.publish(contract.subject, encoder.encode(JSON.stringify(payload)), {
        msgID: event.eventId,
        headers: envelopeHeaders(event, contract, previous),
        expect: { streamName: ELAN_STREAM },
      });
    });
    await Promise.all(publications);
    this.measure(outgoing.map((o) => o.event));

    await client.query(
      `INSERT INTO ${this.table} (stream_id, last_published_position)
       SELECT * FROM unnest($1::text[], $2::bigint[])
       ON CONFLICT (stream_id) DO UPDATE SET last_published_position = excluded.last_published_position`,
      [streamIds, streamIds.map((id) => last.get(id))],
    );
  }

  /** Published count and, per event, the time from its recording to JetStream's acknowledgement. */
  private measure(events: readonly RecordedEvent[]): void {
    const schema = this.options.store.schema;
    elanMetrics.outboxPublished.inc({ schema }, events.length);
    const lag = elanMetrics.outboxRelayLag.labels({ schema });
    const now = Date.now();
    for (const event of events) lag.observe(Math.max(0, now - event.occurredAt.getTime()) / 1_000);
  }
}
