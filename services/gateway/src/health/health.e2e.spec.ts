import type { INestApplication } from '@nestjs/common';
import { ensureInfrastructure, findNatsServerBinary, freePort, waitUntil } from '@elan/testing';
import { Client } from 'pg';
import request from 'supertest';
import { NatsConnection } from '../connections/nats.connection';
import { createGateway } from '../gateway';
import type { GatewayConfig } from '../gateway.config';

/** The real PostgreSQL and NATS of this test run (Jest global setup). */
function realConfig(): GatewayConfig {
  const { DATABASE_URL, NATS_URL } = process.env;
  if (!DATABASE_URL || !NATS_URL) throw new Error('DATABASE_URL and NATS_URL come from the Jest global setup');
  return { databaseUrl: DATABASE_URL, natsUrl: NATS_URL, port: 0 };
}

/** A URL of `scheme` on a port of 127.0.0.1 that nothing listens on. */
async function unreachable(scheme: 'postgres' | 'nats'): Promise<string> {
  return `${scheme}://127.0.0.1:${await freePort()}`;
}

describe('GET /api/health', () => {
  let app: INestApplication | undefined;
  const start = async (config: GatewayConfig): Promise<INestApplication> => {
    app = await createGateway(config, { logger: false });
    return app.init();
  };
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('answers 200 with every check up when PostgreSQL and NATS answer', async () => {
    const gateway = await start(realConfig());

    const response = await request(gateway.getHttpServer()).get('/api/health');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({ status: 'ok', checks: { database: 'up', nats: 'up' } });
  });

  it('answers a 503 problem naming nats when NATS is unreachable', async () => {
    const gateway = await start({ ...realConfig(), natsUrl: await unreachable('nats') });

    const response = await request(gateway.getHttpServer()).get('/api/health');

    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({
      type: 'urn:elan:problem:dependency-unavailable',
      title: 'A dependency of the gateway is unavailable',
      status: 503,
      detail: 'Down: nats.',
      instance: '/api/health',
      checks: { database: 'up', nats: 'down' },
    });
  });

  it('answers a 503 problem naming the database when PostgreSQL is unreachable', async () => {
    const gateway = await start({ ...realConfig(), databaseUrl: `${await unreachable('postgres')}/elan` });

    const response = await request(gateway.getHttpServer()).get('/api/health');

    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ detail: 'Down: database.', checks: { database: 'down', nats: 'up' } });
  });

  it('closes its PostgreSQL connections when the application closes', async () => {
    const config = realConfig();
    const gateway = await start(config);
    await request(gateway.getHttpServer()).get('/api/health').expect(200);

    await gateway.close();
    app = undefined;

    const observer = new Client({ connectionString: config.databaseUrl });
    await observer.connect();
    try {
      await waitUntil(
        async () => {
          const open = await observer.query(
            `select count(*)::int as n from pg_stat_activity
              where application_name = 'elan-gateway' and datname = current_database()`,
          );
          return open.rows[0]?.n === 0;
        },
        { timeoutMs: 5_000, description: 'no gateway connection is left on the test database' },
      );
    } finally {
      await observer.end();
    }
  });

  const withNatsServer = findNatsServerBinary() ? it : it.skip;
  withNatsServer('closes its NATS connection even when the server went away first', async () => {
    // A nats-server of this test's own, to stop under the gateway's feet.
    const own = await ensureInfrastructure({
      env: { DATABASE_URL: realConfig().databaseUrl, PATH: process.env.PATH },
      defaultNatsUrl: await unreachable('nats'),
    });
    try {
      const gateway = await start({ ...realConfig(), natsUrl: own.natsUrl });
      const connection = await gateway.get(NatsConnection).get();
      let disconnected = false;
      void (async () => {
        for await (const status of connection.status()) if (status.type === 'disconnect') disconnected = true;
      })();

      await own.stop();
      await waitUntil(() => disconnected, { timeoutMs: 5_000, description: 'the client saw the server go' });
      await gateway.close();
      app = undefined;

      expect(connection.isClosed()).toBe(true);
    } finally {
      await own.stop();
    }
  });
});
