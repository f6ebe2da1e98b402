import { register } from 'prom-client';
import { elanMetrics, metricsPortFromEnv, streamCategory, stripeOperation } from './index';

describe('metrics', () => {
  it('names every Élan series by Prometheus conventions, with no id among the label names', async () => {
    const ours = (await register.getMetricsAsJSON()).filter((metric) => metric.name.startsWith('elan_'));
    expect(ours.length).toBeGreaterThanOrEqual(Object.keys(elanMetrics).length);
    for (const metric of ours) {
      const suffix = { counter: /_total$/, histogram: /_seconds$/, gauge: /_(events|messages)$/ }[String(metric.type)];
      expect(metric.name).toMatch(suffix ?? /^$/);
      expect(metric.help.length).toBeGreaterThan(10);
    }
    const labelNames = Object.values(elanMetrics).flatMap((metric) => (metric as unknown as { labelNames: string[] }).labelNames);
    expect(labelNames.filter((label) => /id$|email|amount/i.test(label))).toEqual([]);
  });

  it('labels a stream by its category and a Stripe call by its path template, never by an id', () => {
    expect(streamCategory('pledge-0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b')).toBe('pledge');
    expect(stripeOperation('post', '/v1/payment_intents/pi_3Nx7ABCdef123/confirm')).toBe('POST /v1/payment_intents/:id/confirm');
    expect(stripeOperation('get', '/v1/accounts/acct_1Q2w3E4r?expand[]=x')).toBe('GET /v1/accounts/:id');
    expect(stripeOperation('post', '/v1/payment_intents')).toBe('POST /v1/payment_intents');
    expect(stripeOperation('post', '/v1/transfers/tr_9Zy/reversals')).toBe('POST /v1/transfers/:id/reversals');
    expect(stripeOperation('get', '/v1/customers/cus_lowercaseonly')).toBe('GET /v1/customers/:id');
    expect(stripeOperation('get', '/v1/accounts/acct_1/external_accounts/ba_2')).toBe(
      'GET /v1/accounts/:id/external_accounts/:id',
    );
    expect(stripeOperation('get', '/v1/customers/search?query=x')).toBe('GET /v1/customers/search');
  });

  it('counts per label set, and exposes the series in the text format', async () => {
    elanMetrics.eventsAppended.inc({ schema: 'unit', category: 'campaign' }, 3);
    elanMetrics.eventsAppended.inc({ schema: 'unit', category: 'campaign' });
    const text = await register.metrics();
    expect(text).toContain('elan_events_appended_total{schema="unit",category="campaign"} 4');
  });

  it('reads METRICS_PORT: off when unset, 0 for any free port, a clear error otherwise', () => {
    expect(metricsPortFromEnv({})).toBeUndefined();
    expect(metricsPortFromEnv({ METRICS_PORT: '0' })).toBe(0);
    expect(metricsPortFromEnv({ METRICS_PORT: '9464' })).toBe(9464);
    expect(() => metricsPortFromEnv({ METRICS_PORT: 'nine' })).toThrow(/METRICS_PORT must be a port number/);
  });
});
