import { register } from 'prom-client';
import { startStripeEmulator, type RunningStripeEmulator } from '@elan/stripe-emulator';
import { parseMetrics, sampleSum } from '@elan/testing';
import { idempotencyKey, StripePaymentProvider } from '../src';

/** Stripe calls as Prometheus sees them, through the SDK against the project's emulator. */
describe('metrics of the payment port', () => {
  let emulator: RunningStripeEmulator;
  let provider: StripePaymentProvider;

  beforeAll(async () => {
    emulator = await startStripeEmulator();
    provider = new StripePaymentProvider({
      secretKey: emulator.secretKey,
      host: emulator.host,
      port: emulator.port,
      protocol: emulator.protocol,
    });
  });
  afterAll(() => emulator?.stop());

  it('times each call by operation template and status, and counts the error answers', async () => {
    const before = parseMetrics(await register.metrics());
    const owner = { service: 'pledge', entity: 'contributor', id: '0190f3a4-5b6c-7d8e-9f01-23456789abcd' } as const;
    const customer = await provider.createCustomer({
      owner,
      idempotencyKey: idempotencyKey(owner.id, owner.id, 'metrics-test'),
      email: 'metrics@example.org',
    });
    await provider.retrieveCustomer(customer.customerId);
    await expect(provider.retrieveCustomer('cus_doesnotexist')).rejects.toThrow();

    const after = parseMetrics(await register.metrics());
    const moved = (name: string, labels: Record<string, string>) =>
      sampleSum(after, name, labels) - sampleSum(before, name, labels);
    expect(moved('elan_stripe_call_duration_seconds_count', { operation: 'POST /v1/customers', status: '200' })).toBe(1);
    expect(moved('elan_stripe_call_duration_seconds_count', { operation: 'GET /v1/customers/:id', status: '200' })).toBe(1);
    expect(moved('elan_stripe_call_errors_total', { operation: 'GET /v1/customers/:id', status: '404' })).toBe(1);
    expect(after.some((sample) => Object.values(sample.labels).some((value) => value.includes(customer.customerId)))).toBe(false);
  });
});
