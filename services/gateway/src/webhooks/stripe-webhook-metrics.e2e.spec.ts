import type { INestApplication } from '@nestjs/common';
import { register } from 'prom-client';
import request from 'supertest';
import { parseMetrics, sampleSum } from '@elan/testing';
import { startTestGateway, testSchema, TEST_STRIPE_WEBHOOK_SECRET } from '../test/test-gateway';
import { stripeEventJson, stripeSignatureOf } from './stripe-event.fixtures';

const ROUTE = '/api/webhooks/stripe';

/** The webhook intake as Prometheus sees it: outcomes counted, requests timed under the route's template. */
describe('metrics of the Stripe webhook intake', () => {
  const schema = testSchema('webhookmetrics');
  let app: INestApplication;

  beforeAll(async () => {
    app = await startTestGateway(schema);
  });
  afterAll(() => app?.close());

  const deliver = (payload: string, signature?: string) => {
    const call = request(app.getHttpServer()).post(ROUTE).set('Content-Type', 'application/json; charset=utf-8');
    return (signature === undefined ? call : call.set('Stripe-Signature', signature)).send(payload);
  };

  it('counts recorded, duplicate and refused deliveries, and times them by route and status', async () => {
    const before = parseMetrics(await register.metrics());
    const payload = JSON.stringify(stripeEventJson({}));
    const signature = stripeSignatureOf(payload, TEST_STRIPE_WEBHOOK_SECRET);
    await deliver(payload, signature).expect(200);
    await deliver(payload, signature).expect(200);
    await deliver(payload, 't=1,v1=forged').expect(400);

    const after = parseMetrics(await register.metrics());
    const moved = (name: string, labels: Record<string, string>) =>
      sampleSum(after, name, labels) - sampleSum(before, name, labels);
    expect(moved('elan_webhook_events_total', { outcome: 'recorded' })).toBe(1);
    expect(moved('elan_webhook_events_total', { outcome: 'duplicate' })).toBe(1);
    expect(moved('elan_webhook_events_total', { outcome: 'refused' })).toBe(1);
    const timed = { method: 'POST', route: ROUTE };
    expect(moved('elan_http_request_duration_seconds_count', { ...timed, status: '200' })).toBe(2);
    expect(moved('elan_http_request_duration_seconds_count', { ...timed, status: '400' })).toBe(1);
  });
});
