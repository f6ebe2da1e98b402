import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { listCampaigns } from '@elan/contracts';
import { RequestClient, ServiceUnavailableError } from '@elan/messaging';
import { healthSubject } from '@elan/service-kit';
import { openTestSchema, waitUntil, type TestSchema } from '@elan/testing';
import { ownNatsServer } from './test/campaign-service.testbed';

const REPO_ROOT = resolve(__dirname, '../../../..');
const MAIN = join(REPO_ROOT, 'services/campaign/src/main.ts');

/**
 * The contract other tests rely on (the gateway's end-to-end tests spawn the service this way):
 * `node -r @swc-node/register services/campaign/src/main.ts` with DATABASE_URL, NATS_URL,
 * CAMPAIGN_SCHEMA and CAMPAIGN_RULES=test sends the IPC message 'ready' once it answers
 * requests (and its health, `rpc.campaign.Health.v1`), and SIGTERM stops it with exit code 0.
 */
describe('services/campaign/src/main.ts as a child process', () => {
  let nats: Awaited<ReturnType<typeof ownNatsServer>>;
  let nc: NatsConnection;
  let child: ChildProcess | undefined;
  // The child process migrates the schema; the test only names it, and drops it at the end.
  let database: TestSchema;

  beforeAll(async () => {
    // A server of its own: no other test's replicas in the `campaign` queue group.
    nats = await ownNatsServer();
    database = await openTestSchema({ prefix: 'campaign', poolSize: 1 });
    nc = await connect({ servers: nats.url });
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await nc?.close();
    await nats?.stop();
    await database?.dispose();
  });

  it("says 'ready' once it answers requests, and stops cleanly on SIGTERM", async () => {
    const started = fork(MAIN, [], {
      cwd: REPO_ROOT,
      execArgv: ['-r', '@swc-node/register'],
      env: {
        ...process.env,
        NATS_URL: nats.url,
        CAMPAIGN_SCHEMA: database.schema,
        CAMPAIGN_RULES: 'test',
        SHUTDOWN_GRACE_MS: '0',
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child = started;
    const exited = new Promise<number | null>((done) => started.once('exit', (code) => done(code)));
    const ready = new Promise<unknown>((done, fail) => {
      started.once('message', done);
      started.once('exit', (code) => fail(new Error(`main.ts exited (${code}) before it was ready`)));
    });
    await expect(ready).resolves.toBe('ready');

    const requests = new RequestClient({ connection: () => nc, timeoutMs: 5_000 });
    await expect(requests.request(listCampaigns, {})).resolves.toEqual({ items: [], nextCursor: null });
    const health = await nc.request(healthSubject('campaign'), undefined, { timeout: 5_000 });
    expect(health.json()).toEqual({ status: 'ok', checks: { database: 'up', nats: 'up' } });

    started.kill('SIGTERM');
    await expect(exited).resolves.toBe(0);
    await waitUntil(
      async () => (await requests.request(listCampaigns, {}).catch((error: unknown) => error)) instanceof ServiceUnavailableError,
      { timeoutMs: 2_000, description: 'no replica answers any more' },
    );
  });
});
