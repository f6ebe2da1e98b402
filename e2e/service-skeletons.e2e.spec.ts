import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { connect, type NatsConnection } from 'nats';
import { openTestSchema, spawnNatsServer, type SpawnedNatsServer, type TestSchema } from '@elan/testing';
import { Child } from './support/child-process';

/**
 * The services built on the service kit (ADR 0017) that the e2e stack does not run yet keep the
 * kit's contract: `node -r @swc-node/register services/<name>/src/main.ts` says 'ready',
 * answers `rpc.<name>.Health.v1`, and stops with exit code 0 on SIGTERM.
 */
describe.each(['pledge', 'tipping', 'payout'])('services/%s/src/main.ts as a child process', (service) => {
  let database: TestSchema;
  let nats: SpawnedNatsServer;
  let nc: NatsConnection;

  beforeAll(async () => {
    // main.ts opens its own pool; the kit's is only for dropping the schema at the end.
    database = await openTestSchema({ prefix: service, poolSize: 1 });
    // A server of its own: no other run's replicas in the service's queue group.
    nats = await spawnNatsServer({
      storeDir: join(tmpdir(), `elan-${database.schema}`),
      keepData: false,
      startTimeoutMs: 15_000,
    });
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
    await database?.dispose();
  });

  it("says 'ready', answers its health, and stops cleanly on SIGTERM", async () => {
    const child = Child.start({
      name: `${service} service`,
      command: process.execPath,
      args: ['-r', '@swc-node/register', `services/${service}/src/main.ts`],
      env: {
        ...process.env,
        NATS_URL: nats.url,
        [`${service.toUpperCase()}_SCHEMA`]: database.schema,
        SHUTDOWN_GRACE_MS: '0',
      },
      ipc: true,
    });
    try {
      const ready = new Promise<unknown>((done) => child.process.once('message', done));
      await expect(child.unlessItExits(ready)).resolves.toBe('ready');

      const reply = await nc.request(`rpc.${service}.Health.v1`, undefined, { timeout: 5_000 });

      expect(reply.json()).toEqual({ status: 'ok', checks: { database: 'up', nats: 'up' } });
      await expect(child.stop()).resolves.toBe(0);
    } finally {
      await child.stop();
    }
  });
});
