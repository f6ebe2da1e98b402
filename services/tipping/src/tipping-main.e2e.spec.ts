import { fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { healthSubject } from '@elan/service-kit';
import { findNatsServerBinary, openTestSchema, spawnNatsServer, type TestSchema } from '@elan/testing';

const REPO_ROOT = resolve(__dirname, '../../..');

/**
 * The skeleton's contract: `node -r @swc-node/register services/tipping/src/main.ts` says
 * 'ready', answers `rpc.tipping.Health.v1`, and stops with exit code 0 on SIGTERM.
 */
describe('services/tipping/src/main.ts as a child process', () => {
  let database: TestSchema;
  let schema: string;
  let nats: { url: string; stop(): Promise<void> };
  let nc: NatsConnection;

  beforeAll(async () => {
    // main.ts opens its own pool; the kit's is only for dropping the schema at the end.
    database = await openTestSchema({ prefix: 'tipping', poolSize: 1 });
    ({ schema } = database);
    // A server of its own when there is a binary: no other run's replicas in the `tipping` queue group.
    nats = findNatsServerBinary()
      ? await spawnNatsServer({ storeDir: join(tmpdir(), `elan-${schema}`), keepData: false, startTimeoutMs: 15_000 })
      : { url: process.env.NATS_URL ?? '', stop: async () => undefined };
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
    await database?.dispose();
  });

  it("says 'ready', answers its health, and stops cleanly on SIGTERM", async () => {
    const child = fork(join(REPO_ROOT, 'services/tipping/src/main.ts'), [], {
      cwd: REPO_ROOT,
      execArgv: ['-r', '@swc-node/register'],
      env: { ...process.env, NATS_URL: nats.url, TIPPING_SCHEMA: schema, SHUTDOWN_GRACE_MS: '0' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      const ready = new Promise<unknown>((done, fail) => {
        child.once('message', done);
        child.once('exit', (code) => fail(new Error(`main.ts exited (${code}) before it was ready`)));
      });
      await expect(ready).resolves.toBe('ready');
      const reply = await nc.request(healthSubject('tipping'), undefined, { timeout: 5_000 });
      expect(reply.json()).toEqual({ status: 'ok', checks: { database: 'up', nats: 'up' } });
      child.kill('SIGTERM');
      await expect(exited).resolves.toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
