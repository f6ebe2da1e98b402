import { authOptionsFromEnv, developmentSecret } from './auth.config';

describe('authentication settings from the environment', () => {
  const secret = 'a'.repeat(32);

  it('requires AUTH_SECRET in production', () => {
    expect(() => authOptionsFromEnv({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET[\s\S]*NODE_ENV=production/);
    expect(authOptionsFromEnv({ NODE_ENV: 'production', AUTH_SECRET: secret }).secret).toBe(secret);
  });

  it('leaves the secret to the development default elsewhere', () => {
    expect(authOptionsFromEnv({}).secret).toBeUndefined();
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(() => authOptionsFromEnv({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
  });

  it('reads the first admin, the token lifetime and the rate limits', () => {
    expect(
      authOptionsFromEnv({
        ELAN_ADMIN_EMAIL: 'admin@example.org',
        ELAN_ADMIN_PASSWORD: 'long enough password',
        AUTH_TOKEN_TTL_SECONDS: '600',
        AUTH_LOGIN_LIMIT_PER_MINUTE: '20',
      }),
    ).toEqual({
      accessTokenTtlSeconds: 600,
      rateLimits: { login: { limit: 20, windowMs: 60_000 } },
      firstAdmin: { email: 'admin@example.org', password: 'long enough password' },
    });
  });

  it('refuses an admin password without an admin e-mail', () => {
    expect(() => authOptionsFromEnv({ ELAN_ADMIN_PASSWORD: 'long enough password' })).toThrow(/ELAN_ADMIN_EMAIL/);
  });

  it('derives the same development key from the same database, another from another', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/elan';

    expect(developmentSecret(url)).toBe(developmentSecret(url));
    expect(developmentSecret(url)).not.toBe(developmentSecret(`${url}_other`));
    expect(developmentSecret(url).length).toBeGreaterThanOrEqual(32);
  });
});
