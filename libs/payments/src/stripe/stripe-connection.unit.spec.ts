import { stripeConnectionFromEnv } from './stripe-connection';

describe('stripeConnectionFromEnv', () => {
  it('is undefined without a key: the service runs without payments', () => {
    expect(stripeConnectionFromEnv({})).toBeUndefined();
    expect(stripeConnectionFromEnv({ STRIPE_SECRET_KEY: '  ' })).toBeUndefined();
  });

  it('talks to Stripe itself with a key alone', () => {
    expect(stripeConnectionFromEnv({ STRIPE_SECRET_KEY: 'sk_test_abc' })).toEqual({ secretKey: 'sk_test_abc' });
  });

  it('points the SDK at the emulator named by STRIPE_API_URL', () => {
    expect(stripeConnectionFromEnv({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_API_URL: 'http://127.0.0.1:12111' })).toEqual({
      secretKey: 'sk_test_abc',
      host: '127.0.0.1',
      port: 12111,
      protocol: 'http',
    });
  });

  it('waits STRIPE_TIMEOUT_MS for an answer when given', () => {
    expect(stripeConnectionFromEnv({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_TIMEOUT_MS: '1500' })).toEqual({
      secretKey: 'sk_test_abc',
      timeoutMs: 1_500,
    });
  });

  it.each([
    [{ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_TIMEOUT_MS: '1e3' }, /STRIPE_TIMEOUT_MS/],
    [{ STRIPE_SECRET_KEY: 'pk_test_abc' }, /secret or restricted key/],
    [{ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_API_URL: 'not a url' }, /STRIPE_API_URL must be a URL/],
    [{ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_API_URL: 'ftp://x' }, /http or https/],
    [
      { STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_API_URL: 'http://127.0.0.1:1', NODE_ENV: 'production' },
      /only ever sent to api.stripe.com/,
    ],
  ])('refuses %j', (env, message) => {
    expect(() => stripeConnectionFromEnv(env)).toThrow(message);
  });
});
