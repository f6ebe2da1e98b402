import { Module } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import { freePort, openTestSchema, testDatabaseUrl, type TestSchema } from '@elan/testing';
import { healthResponder, healthSubject } from './health';
import { openPostgresPool } from './connections';
import { startService } from './start-service';

@Module({})
class EmptyModule {}

/** The kit against the real PostgreSQL and NATS of this run (Jest global setup). */
describe('startService (real PostgreSQL and NATS)', () => {
  const { NATS_URL: natsUrl = '' } = process.env;
  const databaseUrl = testDatabaseUrl();
  let database: TestSchema;
  let schema: string;
  let nc: NatsConnection;

  beforeAll(async () => {
    // The service opens its own pool; the kit's only looks the schema up and drops it at the end.
    database = await openTestSchema({ prefix: 'kit', poolSize: 1 });
    ({ schema } = database);
    nc = await connect({ servers: natsUrl });
  });

  afterAll(async () => {
    await nc?.close();
    await database?.dispose();
  });

  it('runs migrations, composes, starts workers last and stops them first, and answers health meanwhile', async () => {
    const events: string[] = [];
    const service = await startService(
      {
        // Tipping: a name of the contracts' list no other test of this run starts on the shared server.
        name: 'tipping',
        config: { databaseUrl, natsUrl, schema, shutdownGraceMs: 0 },
        migrations: async (pool, name) =>
          void (await pool.query(`CREATE SCHEMA IF NOT EXISTS ${name}`), events.push('migrations')),
        compose: ({ stack }) => {
          events.push('compose');
          stack.push('a part', async () => void events.push('stop part'));
          return { parts: true };
        },
        module: () => ({ module: EmptyModule }),
        workers: () => [
          { name: 'a worker', start: () => void events.push('start worker'), stop: async () => void events.push('stop worker') },
        ],
      },
      { logger: false },
    );
    try {
      const reply = await nc.request(healthSubject('tipping'), undefined, { timeout: 5_000 });
      expect(reply.json()).toEqual({ status: 'ok', checks: { database: 'up', nats: 'up' } });
    } finally {
      await service.close();
    }
    expect(events).toEqual(['migrations', 'compose', 'start worker', 'stop worker', 'stop part']);
    const found = await database.pool.query('select 1 from pg_namespace where nspname = $1', [schema]);
    expect(found.rowCount).toBe(1);
  });

  it('stops what it had started when the start fails, and rethrows', async () => {
    const stopped: string[] = [];
    const start = startService(
      {
        name: 'tipping',
        config: { databaseUrl, natsUrl, schema },
        compose: ({ stack }) => {
          stack.push('a part', async () => void stopped.push('part'));
          throw new Error('cannot compose');
        },
        module: () => ({ module: EmptyModule }),
      },
      { logger: false },
    );
    await expect(start).rejects.toThrow('cannot compose');
    expect(stopped).toEqual(['part']);
  });

  it('reports the database down in its health answer when PostgreSQL does not answer', async () => {
    const pool = openPostgresPool({
      url: `postgres://127.0.0.1:${await freePort()}/elan`,
      owner: 'kit-test',
      connectionTimeoutMs: 500,
    });
    const subject = healthSubject('pledge');
    const responder = healthResponder('pledge', nc, pool, () => undefined);
    await responder.start();
    try {
      await nc.flush();
      const reply = await nc.request(subject, undefined, { timeout: 5_000 });
      expect(reply.json()).toEqual({ status: 'down', checks: { database: 'down', nats: 'up' } });
    } finally {
      await responder.stop();
      await pool.end();
    }
  });
});
