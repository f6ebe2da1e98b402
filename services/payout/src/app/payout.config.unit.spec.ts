import { payoutConfigFromEnv } from './payout.config';

const BASE = { DATABASE_URL: 'postgres://elan:elan@localhost:5432/elan', NATS_URL: 'nats://localhost:4222' };

describe('the payout service configuration', () => {
  it('runs in the payout schema, onboarding back to the gateway’s default address, for French accounts', () => {
    const config = payoutConfigFromEnv(BASE);

    expect(config.schema).toBe('payout');
    expect(config.onboardingReturnUrl).toBe('http://localhost:8080/me/payout-account?onboarding=done');
    expect(config.onboardingRefreshUrl).toBe('http://localhost:8080/me/payout-account?onboarding=expired');
    expect(config.accountCountry).toBe('FR');
    expect(config.stripe).toBeUndefined();
    expect(config.reconciliationIntervalMs).toBe(15 * 60_000);
  });

  it('reconciles every RECONCILIATION_INTERVAL_MS', () => {
    expect(payoutConfigFromEnv({ ...BASE, RECONCILIATION_INTERVAL_MS: '60000' }).reconciliationIntervalMs).toBe(60_000);
  });

  it('derives the onboarding URLs from PUBLIC_BASE_URL', () => {
    const config = payoutConfigFromEnv({ ...BASE, PUBLIC_BASE_URL: 'https://elan.example.org/' });

    expect(config.onboardingReturnUrl).toBe('https://elan.example.org/me/payout-account?onboarding=done');
    expect(config.onboardingRefreshUrl).toBe('https://elan.example.org/me/payout-account?onboarding=expired');
  });

  it('takes each onboarding URL, the schema and the pool size as given', () => {
    const config = payoutConfigFromEnv({
      ...BASE,
      PAYOUT_SCHEMA: 'payout_test',
      PAYOUT_POOL_SIZE: '4',
      PAYOUT_ONBOARDING_RETURN_URL: 'https://elan.example.org/merci',
      PAYOUT_ONBOARDING_REFRESH_URL: 'https://elan.example.org/encore',
    });

    expect(config).toEqual(
      expect.objectContaining({
        schema: 'payout_test',
        poolSize: 4,
        onboardingReturnUrl: 'https://elan.example.org/merci',
        onboardingRefreshUrl: 'https://elan.example.org/encore',
      }),
    );
  });

  it('talks to the Stripe of STRIPE_SECRET_KEY and STRIPE_API_URL', () => {
    const config = payoutConfigFromEnv({
      ...BASE,
      STRIPE_SECRET_KEY: 'sk_test_payouts',
      STRIPE_API_URL: 'http://127.0.0.1:12111',
    });

    expect(config.stripe).toEqual({ secretKey: 'sk_test_payouts', host: '127.0.0.1', port: 12_111, protocol: 'http' });
  });

  it.each([
    ['PAYOUT_ONBOARDING_RETURN_URL', 'not a url'],
    ['PAYOUT_ONBOARDING_REFRESH_URL', 'ftp://elan.example.org/'],
    ['PUBLIC_BASE_URL', 'elan.example.org'],
    ['PAYOUT_ACCOUNT_COUNTRY', 'France'],
    ['PAYOUT_STATEMENT_INTERVAL', 'weekly'],
    ['PAYOUT_TRANSFER_RETRY_MS', '-1'],
    ['RECONCILIATION_INTERVAL_MS', '0'],
  ])('stops the start on a bad %s, naming it', (name, value) => {
    expect(() => payoutConfigFromEnv({ ...BASE, [name]: value })).toThrow(name);
  });

  it('draws keep-it-all statements monthly unless PAYOUT_STATEMENT_INTERVAL says otherwise', () => {
    expect(payoutConfigFromEnv(BASE).statements?.interval).toEqual({ kind: 'monthly' });
    const config = payoutConfigFromEnv({ ...BASE, PAYOUT_STATEMENT_INTERVAL: '2000', PAYOUT_TRANSFER_RETRY_MS: '100' });
    expect(config.statements).toMatchObject({ interval: { kind: 'every', ms: 2_000 }, retryBaseMs: 100 });
  });
});
