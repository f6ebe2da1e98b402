import { Counter, Gauge, Histogram, register, type Metric } from 'prom-client';

/**
 * Every metric of Élan, on prom-client's default registry, named by Prometheus conventions
 * (`elan_…_total` counters, `elan_…_seconds` histograms). Labels are low-cardinality by rule
 * (ADR 0032): a route template, a subject, a stream category, a durable, an outcome, never an
 * id, an e-mail or an amount. Defined once per process however often this module is loaded.
 */

/** Request/reply and Stripe calls: from 1 ms to 10 s. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Event lag from its append to its publication or handling: from 5 ms to 5 min. */
const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

const once = <M extends Metric>(name: string, make: () => M): M => (register.getSingleMetric(name) as M | undefined) ?? make();

const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> =>
  once(name, () => new Counter({ name, help, labelNames }));

const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L> =>
  once(name, () => new Histogram({ name, help, labelNames, buckets }));

export const elanMetrics = {
  httpRequestDuration: histogram(
    'elan_http_request_duration_seconds',
    'HTTP requests answered by the gateway, by method, route template and status',
    ['method', 'route', 'status'],
    LATENCY_BUCKETS,
  ),
  webhookEvents: counter('elan_webhook_events_total', 'Stripe webhook deliveries received by the gateway, by outcome', [
    'outcome',
  ]),
  natsRequestDuration: histogram(
    'elan_nats_request_duration_seconds',
    'NATS requests asked through the RequestClient, by subject and outcome',
    ['subject', 'outcome'],
    LATENCY_BUCKETS,
  ),
  natsRequestFailures: counter(
    'elan_nats_request_failures_total',
    'NATS requests that got no valid reply (timeout, unavailable, error reply, broken reply), by subject and outcome',
    ['subject', 'outcome'],
  ),
  eventsAppended: counter('elan_events_appended_total', 'Events appended to the event store, by schema and stream category', [
    'schema',
    'category',
  ]),
  outboxPublished: counter('elan_outbox_published_total', 'Integration events the outbox relay published, by schema', ['schema']),
  outboxRelayLag: histogram(
    'elan_outbox_relay_lag_seconds',
    'Time from an event’s append to its publication acknowledged by JetStream, by schema',
    ['schema'],
    LAG_BUCKETS,
  ),
  consumerDeliveries: counter(
    'elan_consumer_deliveries_total',
    'Messages a durable consumer settled, by durable and outcome (ack, retry, later, dead_letter)',
    ['durable', 'outcome'],
  ),
  consumerRedeliveries: counter(
    'elan_consumer_redeliveries_total',
    'Messages a durable consumer received again (after a failure, a wait or an ack timeout), by durable',
    ['durable'],
  ),
  consumerFailures: counter('elan_consumer_failures_total', 'Handler failures in a durable consumer, by durable', ['durable']),
  deadLetters: counter('elan_dead_letters_total', 'Messages filed to the dead letters (ELAN_DLQ), by durable', ['durable']),
  consumerLag: histogram(
    'elan_consumer_lag_seconds',
    'Time from a message’s storage in JetStream to its handling, by durable',
    ['durable'],
    LAG_BUCKETS,
  ),
  consumerPending: once(
    'elan_consumer_pending_messages',
    () =>
      new Gauge({
        name: 'elan_consumer_pending_messages',
        help: 'Messages of the stream not yet delivered to a durable consumer, as of its last delivery',
        labelNames: ['durable'] as const,
      }),
  ),
  stripeCallDuration: histogram(
    'elan_stripe_call_duration_seconds',
    'Stripe API calls of the payment port, by operation (method and path template) and HTTP status',
    ['operation', 'status'],
    LATENCY_BUCKETS,
  ),
  stripeCallErrors: counter(
    'elan_stripe_call_errors_total',
    'Stripe API calls answered with an error status, by operation and status',
    ['operation', 'status'],
  ),
};

/** A source of `elan_outbox_backlog_events`, asked at scrape time only. */
export type BacklogSource = () => Promise<number>;

const backlogSources = new Map<string, BacklogSource>();

/**
 * Events appended but not yet published, per schema: measured on scrape (one cheap query per
 * relay), never on the hot path. A source that fails is left out of that scrape.
 */
export const outboxBacklog = once(
  'elan_outbox_backlog_events',
  () =>
    new Gauge({
      name: 'elan_outbox_backlog_events',
      help: 'Events appended to a schema’s log and not yet passed by its outbox relay, by schema',
      labelNames: ['schema'] as const,
      async collect() {
        this.reset();
        for (const [schema, source] of backlogSources) {
          const backlog = await source().catch(() => undefined);
          if (backlog !== undefined) this.set({ schema }, backlog);
        }
      },
    }),
);

/** Registers a relay's backlog; the returned function removes it (on stop). */
export function measureOutboxBacklog(schema: string, source: BacklogSource): () => void {
  backlogSources.set(schema, source);
  return () => {
    if (backlogSources.get(schema) === source) backlogSources.delete(schema);
  };
}

/** `<category>-<id>` → `<category>`: the label of a stream, never its id. */
export const streamCategory = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
};

/**
 * A Stripe API path as a template. Stripe's paths alternate collection and id
 * (`/v1/transfers/{id}/reversals/{id}`), so every segment in an id's place becomes `:id`
 * whatever it looks like (an id is input: a lower-case one must not become a label either);
 * `search`, the one word Stripe puts there, stays.
 */
export const stripeOperation = (method: string, path: string): string => {
  const template = (path.split('?')[0] ?? '')
    .split('/')
    .map((segment, index) => (index >= 3 && index % 2 === 1 && segment !== 'search' && segment !== '' ? ':id' : segment))
    .join('/');
  return `${method.toUpperCase()} ${template}`;
};

/** Seconds elapsed since `startedAt` (from `performance.now()`). */
export const secondsSince = (startedAt: number): number => (performance.now() - startedAt) / 1_000;
