import { createPeerCredentials } from '@elan/messaging';
import { gatewayConfigFromEnv } from '../gateway.config';

describe('the Stripe webhook secret from the environment', () => {
  const base = { DATABASE_URL: 'postgres://127.0.0.1:5432/elan', NATS_URL: 'nats://127.0.0.1:4222' };
  const [gateway] = createPeerCredentials(['gateway']);
  const production = { ...base, NODE_ENV: 'production', AUTH_SECRET: 'a'.repeat(32), NATS_NKEY_SEED: gateway?.seed };

  it('is read from STRIPE_WEBHOOK_SECRET', () => {
    expect(gatewayConfigFromEnv({ ...base, STRIPE_WEBHOOK_SECRET: 'whsec_abc' }).stripeWebhookSecret).toBe('whsec_abc');
  });

  it('may be absent outside production: the route then answers 503', () => {
    expect(gatewayConfigFromEnv({ ...base, STRIPE_SECRET_KEY: 'sk_test_x' }).stripeWebhookSecret).toBeUndefined();
  });

  it('is required in production when Stripe is configured, naming the variable', () => {
    const env = { ...production, STRIPE_SECRET_KEY: 'sk_live_x' };

    expect(() => gatewayConfigFromEnv(env)).toThrow(/STRIPE_WEBHOOK_SECRET is required when NODE_ENV=production/);
    expect(gatewayConfigFromEnv({ ...env, STRIPE_WEBHOOK_SECRET: 'whsec_live' }).stripeWebhookSecret).toBe('whsec_live');
    expect(gatewayConfigFromEnv(production).stripeWebhookSecret).toBeUndefined();
  });
});
