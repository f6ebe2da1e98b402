import { assertSigningSecrets, authOptionsFromEnv } from './auth.config';

describe('authentication settings from the environment', () => {
  const secret = 'a'.repeat(32);

  it('requires AUTH_SECRET in production', () => {
    expect(() => authOptionsFromEnv({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET[\s\S]*NODE_ENV=production/);
    expect(authOptionsFromEnv({ NODE_ENV: 'production', AUTH_SECRET: secret }).secret).toBe(secret);
  });

  it('leaves the secret to the development default elsewhere', () => {
    expect(authOptionsFromEnv({}).secret).toBeUndefined();
  });

  it('refuses a secret shorter than 32 bytes, counted in UTF-8', () => {
    expect(() => authOptionsFromEnv({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
    expect(() => authOptionsFromEnv({ AUTH_SECRET: 'a'.repeat(31) })).toThrow(/32 bytes[\s\S]*AUTH_SECRET/);
    // 16 characters, 32 bytes.
    expect(authOptionsFromEnv({ AUTH_SECRET: 'é'.repeat(16) }).secret).toBe('é'.repeat(16));
  });

  it('reads previous secrets separated by commas or spaces, each at least 32 bytes', () => {
    const older = 'b'.repeat(32);
    const oldest = 'c'.repeat(40);

    expect(authOptionsFromEnv({ AUTH_SECRET: secret, AUTH_PREVIOUS_SECRETS: ` ${older}, ${oldest}\n` }).previousSecrets).toEqual([
      older,
      oldest,
    ]);
    expect(() => authOptionsFromEnv({ AUTH_PREVIOUS_SECRETS: `${older} short` })).toThrow(/AUTH_PREVIOUS_SECRETS/);
  });

  it('refuses short secrets given as explicit configuration too', () => {
    expect(() => assertSigningSecrets({ secret: 'x'.repeat(31) })).toThrow(/32 bytes/);
    expect(() => assertSigningSecrets({ secret, previousSecrets: ['short'] })).toThrow(/previous[\s\S]*32 bytes/);
    expect(() => assertSigningSecrets({ secret, previousSecrets: [secret] })).not.toThrow();
  });

  it('reads the first admin, the token lifetime and the rate limits', () => {
    expect(
      authOptionsFromEnv({
        ELAN_ADMIN_EMAIL: 'admin@example.org',
        ELAN_ADMIN_PASSWORD: 'long enough password',
        AUTH_TOKEN_TTL_SECONDS: '600',
        AUTH_LOGIN_LIMIT_PER_MINUTE: '20',
        AUTH_LOGIN_LIMIT_PER_ADDRESS_PER_MINUTE: '50',
      }),
    ).toEqual({
      accessTokenTtlSeconds: 600,
      rateLimits: { login: { limit: 20, windowMs: 60_000 }, loginPerAddress: { limit: 50, windowMs: 60_000 } },
      firstAdmin: { email: 'admin@example.org', password: 'long enough password' },
    });
  });

  it('refuses a first-admin password that is easy to guess, or built from its address or name', () => {
    expect(() => authOptionsFromEnv({ ELAN_ADMIN_EMAIL: 'admin@example.org', ELAN_ADMIN_PASSWORD: ' '.repeat(12) })).toThrow(
      /too easy to guess[\s\S]*ELAN_ADMIN_PASSWORD/,
    );
    expect(() =>
      authOptionsFromEnv({ ELAN_ADMIN_EMAIL: 'jeanne.dupont@example.org', ELAN_ADMIN_PASSWORD: 'jeanne.dupont@example.org' }),
    ).toThrow(/personal data/);
    expect(() =>
      authOptionsFromEnv({
        ELAN_ADMIN_EMAIL: 'root@example.org',
        ELAN_ADMIN_NAME: 'Zorbax Quenvodel',
        ELAN_ADMIN_PASSWORD: 'QuenvodelZorbax',
      }),
    ).toThrow(/ELAN_ADMIN_PASSWORD/);
  });

  it('refuses an admin password without an admin e-mail', () => {
    expect(() => authOptionsFromEnv({ ELAN_ADMIN_PASSWORD: 'long enough password' })).toThrow(/ELAN_ADMIN_EMAIL/);
  });
});
