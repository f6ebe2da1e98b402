import { defineRequest, getCampaignSummary } from '@elan/contracts';
import { startMetricsServer, type MetricsServer } from '@elan/observability';
import { parseMetrics, sampleSum, waitUntil } from '@elan/testing';
import { RequestClient, ServiceUnavailableError } from '../src';
import { openFixture, type Fixture } from './messaging-fixture';

/** `/metrics` of this process, scraped over HTTP as Prometheus would, after real work on PostgreSQL and NATS. */
describe('metrics of the event store, outbox relay, durable consumer and request client', () => {
  let fx: Fixture;
  let server: MetricsServer;
  const scrape = async () => parseMetrics(await (await fetch(server.url)).text());

  beforeAll(async () => {
    fx = await openFixture();
    server = await startMetricsServer('messaging-test', 0, '127.0.0.1');
  });
  afterAll(async () => {
    await server?.close();
    await fx?.dispose();
  });

  it('moves the counters of appends, publications, deliveries, failures and requests', async () => {
    const durable = `pledge-probe-${fx.id}`;
    // Fails in its batch and again alone (the consumer's isolation replay): one failure, one retry.
    let failures = 0;
    await fx.relay().start();
    await fx
      .consumer(async (payload, { envelope }) => {
        if (envelope.streamId === fx.streamOf(0) && payload.step === 2 && failures < 2) {
          failures++;
          throw new Error('a passing failure');
        }
      })
      .start();
    await fx.appendSteps(2, 3);
    await waitUntil(async () => (await fx.effects()).length === 6 || undefined, {
      timeoutMs: 20_000,
      description: 'six effects',
    });

    const absent = defineRequest({ ...getCampaignSummary, name: `NobodyAnswersMetrics${fx.id}`, description: 'test: absent' });
    const client = new RequestClient({ connection: () => fx.nc, timeoutMs: 1_000 });
    await expect(client.request(absent, { campaignId: '0190f3a4-5b6c-7d8e-9f01-23456789abcd' })).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );

    const samples = await scrape();
    const pub = { schema: fx.publisherSchema };
    expect(sampleSum(samples, 'elan_events_appended_total', { ...pub, category: 'probe' })).toBe(6);
    expect(sampleSum(samples, 'elan_outbox_published_total', pub)).toBe(6);
    expect(sampleSum(samples, 'elan_outbox_relay_lag_seconds_count', pub)).toBe(6);
    expect(sampleSum(samples, 'elan_outbox_backlog_events', pub)).toBe(0);
    expect(sampleSum(samples, 'elan_consumer_deliveries_total', { durable, outcome: 'ack' })).toBeGreaterThanOrEqual(6);
    expect(sampleSum(samples, 'elan_consumer_deliveries_total', { durable, outcome: 'retry' })).toBe(1);
    expect(sampleSum(samples, 'elan_consumer_failures_total', { durable })).toBe(1);
    expect(sampleSum(samples, 'elan_consumer_redeliveries_total', { durable })).toBeGreaterThanOrEqual(1);
    expect(sampleSum(samples, 'elan_consumer_lag_seconds_count', { durable })).toBeGreaterThanOrEqual(6);
    const subject = { subject: absent.subject, outcome: 'unavailable' };
    expect(sampleSum(samples, 'elan_nats_request_failures_total', subject)).toBe(1);
    expect(sampleSum(samples, 'elan_nats_request_duration_seconds_count', subject)).toBe(1);
    // Node's own metrics, with the process's service label on every series.
    expect(sampleSum(samples, 'process_cpu_user_seconds_total', { service: 'messaging-test' })).toBeGreaterThan(0);
  });

  it('counts the backlog of a relay that has not published yet, on scrape', async () => {
    await fx.store.append(
      `probe-${fx.id}_late`,
      [{ type: 'ProbeStepped', data: { step: 1, amount: { amount: 1, currency: 'EUR' } } }],
      'any',
    );
    // The relay of the first test runs: the backlog falls back to 0 once it passed the new event.
    await waitUntil(
      async () => sampleSum(await scrape(), 'elan_outbox_backlog_events', { schema: fx.publisherSchema }) === 0 || undefined,
      {
        timeoutMs: 10_000,
        description: 'the relay passes the late event',
      },
    );
    expect(sampleSum(await scrape(), 'elan_outbox_published_total', { schema: fx.publisherSchema })).toBe(7);
  });

  it('counts the failures of a message that never succeeds, and its dead letter', async () => {
    const durable = `pledge-probe-dlq-${fx.id}`;
    const doomed = `probe-${fx.id}_doomed`;
    await fx
      .consumer(
        async (_payload, { envelope }) => {
          if (envelope.streamId === doomed) throw new Error('never handled');
        },
        { durableName: durable, maxDeliver: 2 },
      )
      .start();
    await fx.store.append(
      doomed,
      [{ type: 'ProbeStepped', data: { step: 1, amount: { amount: 1, currency: 'EUR' } } }],
      'no_stream',
    );
    await waitUntil(async () => sampleSum(await scrape(), 'elan_dead_letters_total', { durable }) === 1 || undefined, {
      timeoutMs: 15_000,
      description: 'the doomed message is dead-lettered',
    });
    const samples = await scrape();
    // One failure per delivery (its batch's failure is not counted, its isolated replay's is).
    expect(sampleSum(samples, 'elan_consumer_failures_total', { durable })).toBe(2);
    expect(sampleSum(samples, 'elan_consumer_deliveries_total', { durable, outcome: 'dead_letter' })).toBe(1);
    expect(sampleSum(samples, 'elan_consumer_deliveries_total', { durable, outcome: 'retry' })).toBe(1);
  });
});
