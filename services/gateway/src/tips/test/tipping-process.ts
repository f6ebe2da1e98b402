import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnNatsServer, type SpawnedNatsServer } from '@elan/testing';
import { testSchema } from '../../test/test-gateway';

const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..', '..');

/**
 * The real tipping service, as a process of this test's own (`services/tipping/src/main.ts`):
 * the gateway may not import another service, so it is started the way it is deployed. Resolves
 * once it said 'ready' (it answers requests); rejects with its output if it exits first.
 */
export async function startTippingProcess(env: NodeJS.ProcessEnv): Promise<{ stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'services/tipping/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  await new Promise<void>((ready, failed) => {
    child.once('message', (message) => (message === 'ready' ? ready() : failed(new Error(`unexpected ${String(message)}`))));
    void exited.then(() => failed(new Error(`the tipping service exited before it was ready:\n${output.join('')}`)));
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { stop };
}

/** A NATS server of the test file's own: no other run's tipping replica or `tipping-pledges` consumer on it. */
export const ownNatsServer = (label: string): Promise<SpawnedNatsServer> =>
  spawnNatsServer({ storeDir: join(tmpdir(), `elan-${testSchema(label)}`), keepData: false, startTimeoutMs: 15_000 });
