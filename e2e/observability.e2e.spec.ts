import { parseMetrics, sampleSum, waitUntil, type Sample } from '@elan/testing';
import type { Account, Api } from './support/api';
import { createDraft, pageOnceItHolds } from './support/campaigns';
import { startStack } from './support/preamble';
import type { Stack, StackProcess } from './support/stack';

/**
 * Metrics and logs of real processes (ADR 0032): every process of the stack on `METRICS_PORT=0`
 * (each its own free port, so parallel stacks never collide), scraped over HTTP after a request
 * through the gateway made the campaign service append an event; and their logs, JSON lines.
 */
describe('metrics and logs of the gateway and the campaign service', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;

  beforeAll(async () => {
    ({
      stack,
      api,
      accounts: { holder },
    } = await startStack('metrics', { members: ['holder'] }, { env: { METRICS_PORT: '0', METRICS_HOST: '127.0.0.1' } }));
  });
  afterAll(() => stack?.stop());

  const scrape = async (process: StackProcess): Promise<Sample[]> => {
    const url = await waitUntil(async () => stack.metricsUrlOf(process), {
      timeoutMs: 10_000,
      description: `${process} metrics URL`,
    });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return parseMetrics(await response.text());
  };

  it('counts requests by route template, NATS requests by subject and events appended by category', async () => {
    const campaignId = await createDraft(api, holder);
    // The page reads the campaign's read model, written just after the draft's events: wait for it.
    await pageOnceItHolds(api, campaignId, () => true, 'the draft is readable', holder);
    const missing = await api.get('/api/no-such-route').expect(404);
    expect(missing.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const gateway = await scrape('gateway');
    expect(
      sampleSum(gateway, 'elan_http_request_duration_seconds_count', { method: 'POST', route: '/api/campaigns', status: '201' }),
    ).toBe(1);
    expect(
      sampleSum(gateway, 'elan_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/campaigns/:id',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sampleSum(gateway, 'elan_http_request_duration_seconds_count', { route: 'unmatched', status: '404' }),
    ).toBeGreaterThanOrEqual(1);
    // No id and no raw path is ever a label.
    expect(gateway.filter((sample) => Object.values(sample.labels).some((value) => value.includes(campaignId)))).toEqual([]);
    expect(gateway.some((sample) => sample.labels.route === '/api/no-such-route')).toBe(false);
    const campaignRequests = gateway.filter(
      (s) =>
        s.name === 'elan_nats_request_duration_seconds_count' &&
        s.labels.subject?.startsWith('rpc.campaign.') &&
        s.labels.outcome === 'ok',
    );
    expect(campaignRequests.reduce((sum, s) => sum + s.value, 0)).toBeGreaterThanOrEqual(2);
    expect(sampleSum(gateway, 'process_cpu_user_seconds_total', { service: 'gateway' })).toBeGreaterThan(0);

    const campaign = await scrape('campaign');
    expect(
      sampleSum(campaign, 'elan_events_appended_total', { category: 'campaign', service: 'campaign' }),
    ).toBeGreaterThanOrEqual(1);
    expect(campaign.some((s) => s.name === 'elan_outbox_backlog_events')).toBe(true);
  });

  it('logs JSON lines naming the service, echoes a caller’s request id, and writes no e-mail address', async () => {
    const requestId = `e2e-metrics-${Date.now()}`;
    const answer = await api
      .get('/api/campaigns/0190f3a4-5b6c-7d8e-9f01-000000000000')
      .set('X-Request-Id', requestId)
      .expect(404);
    expect(answer.headers['x-request-id']).toBe(requestId);
    const lines = (process: StackProcess) =>
      stack
        .outputOf(process)
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines('gateway').length).toBeGreaterThan(0);
    expect(lines('gateway').every((line) => line.service === 'gateway' && typeof line.level === 'string')).toBe(true);
    expect(lines('campaign').some((line) => line.service === 'campaign' && /ready/.test(String(line.msg)))).toBe(true);
    // Nothing personal: the holder's e-mail address never reaches a log line.
    expect(stack.outputOf('gateway') + stack.outputOf('campaign')).not.toContain(holder.email);
  });
});
