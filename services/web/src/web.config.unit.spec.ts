import { webConfigFromEnv } from './web.config';

const SECRET = 'a-session-secret-of-at-least-32-characters';

describe('the web front’s settings', () => {
  it('takes development defaults: port 8080, the local gateway, a random secret, no public origin', () => {
    const config = webConfigFromEnv({});
    expect(config).toMatchObject({ port: 8080, apiUrl: 'http://localhost:3000' });
    expect(config.publicOrigin).toBeUndefined();
    expect(config.sessionSecret).toHaveLength(32);
    expect(webConfigFromEnv({}).sessionSecret.equals(config.sessionSecret)).toBe(false);
  });

  it('in production, wants the https origin of the site and a shared secret', () => {
    const production = { NODE_ENV: 'production', WEB_SESSION_SECRET: SECRET };
    expect(() => webConfigFromEnv(production)).toThrow(/WEB_PUBLIC_URL must be the https origin/);
    expect(() => webConfigFromEnv({ ...production, WEB_PUBLIC_URL: 'http://elan.example.org' })).toThrow(
      /WEB_PUBLIC_URL must be the https origin/,
    );
    expect(() => webConfigFromEnv({ NODE_ENV: 'production', WEB_PUBLIC_URL: 'https://elan.example.org' })).toThrow(
      /WEB_SESSION_SECRET must be set in production/,
    );
    const config = webConfigFromEnv({ ...production, WEB_PUBLIC_URL: 'https://elan.example.org/' });
    expect(config.publicOrigin).toBe('https://elan.example.org');
    expect(config.sessionSecret.toString('utf8')).toBe(SECRET);
    // `docker compose up` on a laptop: plain HTTP on the machine's own address.
    expect(webConfigFromEnv({ ...production, WEB_PUBLIC_URL: 'http://localhost:8080' }).publicOrigin).toBe(
      'http://localhost:8080',
    );
  });

  it('refuses a short secret or a public URL that is not one, by name', () => {
    expect(() => webConfigFromEnv({ WEB_SESSION_SECRET: 'short' })).toThrow(/WEB_SESSION_SECRET must have at least 32/);
    expect(() => webConfigFromEnv({ WEB_PUBLIC_URL: 'elan.example.org' })).toThrow(/WEB_PUBLIC_URL must be/);
    expect(() => webConfigFromEnv({ WEB_PORT: 'eighty' })).toThrow(/WEB_PORT must be a port number/);
  });
});
