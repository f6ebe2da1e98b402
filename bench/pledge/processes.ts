/**
 * The bench's child processes: each started as deployed (`node -r @swc-node/register <main>`),
 * from the repository root, its output kept to explain a failure, stopped with SIGTERM (SIGKILL
 * after a grace period). Their pids are what the CPU split reads in /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

export interface Started {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number | undefined;
  tail(): string;
  stop(): Promise<void>;
}

/** Spawns `main` (a path from the repository root) under node with the TypeScript loader. */
export function startNode(name: string, main: string, env: NodeJS.ProcessEnv, ipc = false): Started {
  // BENCH_PROFILE_DIR: each process writes a V8 CPU profile there when it exits.
  const profileDir = process.env['BENCH_PROFILE_DIR'] && resolve(process.env['BENCH_PROFILE_DIR']);
  const profile = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name.replace(/\W+/g, '-')}.cpuprofile`]
    : [];
  const child = spawn(process.execPath, [...profile, '-r', '@swc-node/register', join(REPO_ROOT, main)], {
    cwd: REPO_ROOT,
    env,
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => void (output = (output + chunk.toString('utf8')).slice(-6_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit');
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    name,
    child,
    pid: child.pid,
    tail: () => output,
    stop: async () => {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves with the first IPC message `accepts` takes; rejects when the child exits first or on timeout. */
export function firstMessage<T>(started: Started, accepts: (message: unknown) => T | undefined): Promise<T> {
  return new Promise<T>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`the ${started.name} did not start within ${START_TIMEOUT_MS} ms:\n${started.tail()}`)),
      START_TIMEOUT_MS,
    );
    const onMessage = (message: unknown): void => {
      const value = accepts(message);
      if (value === undefined) return;
      clearTimeout(timer);
      started.child.off('exit', onExit);
      done(value);
    };
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      fail(new Error(`the ${started.name} exited (code ${code}) before it was ready:\n${started.tail()}`));
    };
    started.child.on('message', onMessage);
    started.child.once('exit', onExit);
  });
}

/** Polls `url` until it answers 200; rejects when the child exits first or on timeout. */
export async function healthy(started: Started, url: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (started.child.exitCode !== null) throw new Error(`the ${started.name} exited:\n${started.tail()}`);
    const ok = await fetch(url).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`the ${started.name} was not healthy at ${url}:\n${started.tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs `npm run --silent <script> -- <args>` to its end; rejects unless it exits 0. */
export async function npmRun(script: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`npm run ${script} failed (${code}):\n${stderr}`);
}
