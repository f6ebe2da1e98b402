import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnNatsServer, findNatsServerBinary, waitUntil, type SpawnedNatsServer } from '@elan/testing';
import { DEAD_LETTER_HEADER, DEAD_LETTER_STREAM, ELAN_STREAM } from '../src';
import { expectExactlyOnceInOrder, openFixture, type Fixture } from './messaging-fixture';

/**
 * Each fault test runs against a nats-server of its own on a free port, so it may stop it, and
 * kills relays and consumers for real (SIGKILL in a child process) at the moment under test.
 */
describe('messaging under faults', () => {
  let storeDir: string;
  let port: number;
  let server: SpawnedNatsServer | undefined;
  let fx: Fixture;
  const children: ChildProcess[] = [];

  const startServer = async (): Promise<SpawnedNatsServer> =>
    (server = await spawnNatsServer({ binary: findNatsServerBinary(), storeDir, keepData: true, startTimeoutMs: 15_000, port }));

  beforeEach(async () => {
    storeDir = await mkdtemp(join(tmpdir(), 'elan-nats-'));
    port = await freePort();
    await startServer();
    fx = await openFixture({ natsUrl: `nats://127.0.0.1:${port}`, duplicateWindowMs: 100 });
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await fx.dispose();
    await server?.stop();
    await rm(storeDir, { recursive: true, force: true });
  });

  /** Forks a relay or consumer process and resolves once it is running. */
  const run = async (script: 'relay' | 'consumer', env: Record<string, string> = {}): Promise<ChildProcess> => {
    const child = fork(join(__dirname, 'processes', `${script}.process.ts`), {
      execArgv: ['-r', '@swc-node/register'],
      env: {
        ...process.env,
        NATS_URL: `nats://127.0.0.1:${port}`,
        PUBLISHER_SCHEMA: fx.publisherSchema,
        CONSUMER_SCHEMA: fx.consumerSchema,
        PROBE_ID: fx.id,
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code, signal) => reject(new Error(`${script} exited before it was ready (${code ?? signal})`)));
    });
    return child;
  };
  const exited = (child: ChildProcess): Promise<NodeJS.Signals | number | null> =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve(child.signalCode ?? child.exitCode)
      : new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));

  const streamMessages = async (): Promise<number> =>
    (await (await fx.nc.jetstreamManager()).streams.info(ELAN_STREAM)).state.messages;

  it('a relay killed after publishing and before checkpointing republishes, and every effect happens once', async () => {
    await fx.appendSteps(10, 100);
    await fx.consumer().start();

    const crashing = await run('relay', { CRASH_AFTER_PUBLISHES: '300' });
    expect(await exited(crashing)).toBe('SIGKILL');
    await run('relay');

    await waitUntil(async () => (await fx.effects()).length >= 1_000, { timeoutMs: 30_000, description: '1,000 effects' });
    // Batches of 200: the crash came 100 acknowledgements into the second batch, whose
    // checkpoint never committed, so that batch went out twice — and JetStream kept both copies
    // (tiny window): the consumer's inbox alone kept the effects single.
    expect(await streamMessages()).toBeGreaterThanOrEqual(1_100);
    expectExactlyOnceInOrder(await fx.effects(), 10, 100);
  });

  it('a consumer killed after its commit and before acking is redelivered, and the effect happens once', async () => {
    await fx.appendSteps(10, 100);
    await fx.relay().start();

    const crashing = await run('consumer', { CRASH_AT_STEP: '40' });
    expect(await exited(crashing)).toBe('SIGKILL');
    const committedBeforeCrash = (await fx.effects()).length;
    expect(committedBeforeCrash).toBeGreaterThanOrEqual(10 * 40 - 10);
    await run('consumer');

    await waitUntil(async () => (await fx.effects()).length >= 1_000, { timeoutMs: 30_000, description: '1,000 effects' });
    const info = await (await fx.nc.jetstreamManager()).consumers.info(ELAN_STREAM, `pledge-probe-${fx.id}`);
    // Deliveries beyond the 1,000 messages are the unacknowledged ones handed out again.
    expect(info.delivered.consumer_seq).toBeGreaterThan(1_000);
    expectExactlyOnceInOrder(await fx.effects(), 10, 100);
  });

  it('survives the NATS server stopping for a few seconds in the middle of 5,000 events', async () => {
    const errors: unknown[] = [];
    await fx.relay({ onError: (e) => errors.push(e) }).start();
    await fx.consumer(undefined, { onError: (e) => errors.push(e) }).start();

    const appending = fx.appendSteps(10, 500);
    await waitUntil(async () => (await fx.effects()).length >= 1_500, { timeoutMs: 30_000, description: '1,500 effects' });
    await server?.stop();
    // The outage lasts until the pipeline has felt it (a failed publish or fetch), while appends go on.
    await waitUntil(() => errors.length > 0, { timeoutMs: 30_000, description: 'the outage is felt' });
    await startServer();
    await appending;

    await waitUntil(async () => (await fx.effects()).length >= 5_000, { timeoutMs: 60_000, description: '5,000 effects' });
    expectExactlyOnceInOrder(await fx.effects(), 10, 500);
    expect(errors.length).toBeGreaterThan(0); // the outage was felt, and overcome
  });

  it('sends a poison message to ELAN_DLQ after max_deliver while the messages behind it keep flowing', async () => {
    await fx.relay().start();
    const consumer = fx.consumer(
      async (payload) => {
        if (payload.step === 3) throw new Error('the handler cannot take step 3');
      },
      { maxDeliver: 3 },
    );
    await consumer.start();
    await fx.appendSteps(4, 6);

    await waitUntil(async () => (await fx.effects()).length === 4 * 5, { timeoutMs: 30_000, description: 'the healthy effects' });
    const perStream = new Map<string, number[]>();
    for (const e of await fx.effects()) perStream.set(e.stream_id, [...(perStream.get(e.stream_id) ?? []), e.step]);
    for (const steps of perStream.values()) expect(steps).toEqual([1, 2, 4, 5, 6]);

    const jsm = await fx.nc.jetstreamManager();
    await waitUntil(async () => (await jsm.streams.info(DEAD_LETTER_STREAM)).state.messages === 4, {
      timeoutMs: 10_000,
      description: 'four dead letters',
    });
    const letter = await jsm.streams.getMessage(DEAD_LETTER_STREAM, { last_by_subj: `dlq.${fx.contract.subject}` });
    expect(letter.header.get(DEAD_LETTER_HEADER.reason)).toMatch(
      /^handler failed 3 times: Error: the handler cannot take step 3/,
    );
    expect(letter.header.get(DEAD_LETTER_HEADER.consumer)).toBe(consumer.name);
    expect(letter.header.get(DEAD_LETTER_HEADER.originalSubject)).toBe(fx.contract.subject);
  });

  it('sends an invalid payload straight to the dead letters with the reason', async () => {
    const consumer = fx.consumer();
    await consumer.start();
    const { headers } = await import('nats');
    const h = headers();
    for (const [key, value] of Object.entries({
      'Elan-Event-Id': '018f3a4e-0000-7000-8000-000000000001',
      'Elan-Event-Type': fx.contract.type,
      'Elan-Schema-Version': '1',
      'Elan-Stream-Id': 'probe-x',
      'Elan-Stream-Position': '1',
      'Elan-Previous-Position': '0',
      'Elan-Occurred-At': new Date().toISOString(),
    }))
      h.set(key, value);
    await fx.nc
      .jetstream()
      .publish(fx.contract.subject, new TextEncoder().encode(JSON.stringify({ step: 'one' })), { headers: h });

    const jsm = await fx.nc.jetstreamManager();
    await waitUntil(async () => (await jsm.streams.info(DEAD_LETTER_STREAM)).state.messages === 1, {
      timeoutMs: 10_000,
      description: 'one dead letter',
    });
    const letter = await jsm.streams.getMessage(DEAD_LETTER_STREAM, { last_by_subj: `dlq.${fx.contract.subject}` });
    expect(letter.header.get(DEAD_LETTER_HEADER.reason)).toContain('step: Invalid input: expected number, received string');
    expect(await fx.effects()).toHaveLength(0);
  });
});
