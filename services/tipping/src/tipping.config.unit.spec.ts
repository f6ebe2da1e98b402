import { DEFAULT_TIP_SUGGESTION_POLICY } from './tip';
import { tippingConfigFromEnv } from './tipping.config';

const BASE = { DATABASE_URL: 'postgres://elan:elan@localhost:5432/elan', NATS_URL: 'nats://localhost:4222' };

describe('the tipping service configuration', () => {
  it('suggests tips with the tip domain policy when no TIP_SUGGESTION_* is set', () => {
    const config = tippingConfigFromEnv(BASE);

    expect(config.tipSuggestions).toEqual(DEFAULT_TIP_SUGGESTION_POLICY);
    expect(config.schema).toBe('tipping');
  });

  it('takes the shares, step and largest share from TIP_SUGGESTION_*', () => {
    const config = tippingConfigFromEnv({
      ...BASE,
      TIP_SUGGESTION_SHARES_BPS: '800, 1200',
      TIP_SUGGESTION_STEP: '100',
      TIP_SUGGESTION_MAX_SHARE_BPS: '1500',
    });

    expect(config.tipSuggestions).toEqual({
      ...DEFAULT_TIP_SUGGESTION_POLICY,
      sharesBps: [800, 1_200],
      step: 100,
      maxShareBps: 1_500,
    });
  });

  it('sends tip refunds to the Stripe of STRIPE_SECRET_KEY and STRIPE_API_URL, and has none without a key', () => {
    const config = tippingConfigFromEnv({ ...BASE, STRIPE_SECRET_KEY: 'sk_test_tips', STRIPE_API_URL: 'http://127.0.0.1:12111' });

    expect(config.stripe).toEqual({ secretKey: 'sk_test_tips', host: '127.0.0.1', port: 12_111, protocol: 'http' });
    expect(tippingConfigFromEnv(BASE).stripe).toBeUndefined();
    expect(() => tippingConfigFromEnv({ ...BASE, STRIPE_SECRET_KEY: 'pk_test_public' })).toThrow('STRIPE_SECRET_KEY');
  });

  it.each([
    ['TIP_SUGGESTION_SHARES_BPS', '500,abc'],
    ['TIP_SUGGESTION_SHARES_BPS', '0'],
    ['TIP_SUGGESTION_SHARES_BPS', '10001'],
    ['TIP_SUGGESTION_SHARES_BPS', ''],
    ['TIP_SUGGESTION_STEP', '0'],
    ['TIP_SUGGESTION_STEP', '12.5'],
    ['TIP_SUGGESTION_STEP', '1e3'],
    ['TIP_SUGGESTION_MAX_SHARE_BPS', '10001'],
    ['TIP_SUGGESTION_MAX_SHARE_BPS', '-1'],
  ])('refuses %s=%j at start, naming it', (name, value) => {
    expect(() => tippingConfigFromEnv({ ...BASE, [name]: value })).toThrow(name);
  });
});
