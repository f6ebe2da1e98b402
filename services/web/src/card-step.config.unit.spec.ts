import { cardStepFromEnv } from './card-step.config';
import { webConfigFromEnv } from './web.config';

describe('the card step’s configuration', () => {
  it('is the emulator’s page with STRIPE_EMULATOR_URL, Stripe with a publishable key, neither otherwise', () => {
    expect(cardStepFromEnv({ STRIPE_EMULATOR_URL: 'http://127.0.0.1:12111/' })).toEqual({
      kind: 'emulator',
      emulatorUrl: 'http://127.0.0.1:12111',
    });
    expect(cardStepFromEnv({ STRIPE_PUBLISHABLE_KEY: 'pk_test_abc123' })).toEqual({
      kind: 'stripe',
      publishableKey: 'pk_test_abc123',
    });
    expect(cardStepFromEnv({})).toEqual({ kind: 'none' });
    expect(webConfigFromEnv({ STRIPE_EMULATOR_URL: 'http://localhost:12111' }).cardStep).toEqual({
      kind: 'emulator',
      emulatorUrl: 'http://localhost:12111',
    });
  });

  it('refuses a secret key, both at once, a URL that is not one, and the emulator in production', () => {
    expect(() => cardStepFromEnv({ STRIPE_PUBLISHABLE_KEY: 'sk_test_abc' })).toThrow(/never a secret key/);
    expect(() => cardStepFromEnv({ STRIPE_PUBLISHABLE_KEY: 'pk_test_a', STRIPE_EMULATOR_URL: 'http://x' })).toThrow(/not both/);
    expect(() => cardStepFromEnv({ STRIPE_EMULATOR_URL: 'javascript:alert(1)' })).toThrow(/STRIPE_EMULATOR_URL/);
    expect(() => cardStepFromEnv({ STRIPE_EMULATOR_URL: 'http://x', NODE_ENV: 'production' })).toThrow(/not production/);
  });
});
