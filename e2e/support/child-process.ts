import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root: children run from there, as `npm start` and the scripts do. */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** How long a child gets to stop on SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;
/** Lines of a child's output kept to explain a failure. */
const KEPT_LINES = 200;

let deathSignalPrefix: string[] | undefined;

/**
 * On Linux, `setpriv --pdeathsig KILL` makes the kernel kill the child when the test process
 * dies, even by SIGKILL (a Jest worker killed on timeout): no service outlives its test. It execs
 * the command, so the pid, the environment and the IPC channel stay the child's. Elsewhere, the
 * exit hook in `startChild` is all there is.
 */
function dieWithParent(): string[] {
  if (deathSignalPrefix) return deathSignalPrefix;
  deathSignalPrefix = [];
  if (process.platform !== 'linux') return deathSignalPrefix;
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (setpriv && spawnSync(setpriv, ['--help'], { encoding: 'utf8', timeout: 2_000 }).stdout?.includes('--pdeathsig'))
    deathSignalPrefix = [setpriv, '--pdeathsig', 'KILL'];
  return deathSignalPrefix;
}

export interface ChildOptions {
  /** A name for messages: "campaign service", "gateway". */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Opens an IPC channel (the campaign service says 'ready' on it). */
  readonly ipc?: boolean;
}

/**
 * A process the tests started: its output is kept (and echoed to stderr with `E2E_LOGS=1`) to
 * explain a failure, and `stop()` ends it for sure: SIGTERM, then SIGKILL after a grace period.
 */
export class Child {
  private readonly output: string[] = [];
  private readonly exited: Promise<number | null>;
  private readonly killOnExit = (): void => void this.process.kill('SIGKILL');

  private constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    const keep = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      if (globalThis.process.env.E2E_LOGS === '1') globalThis.process.stderr.write(`[${name}] ${text}`);
      this.output.push(...text.split('\n').filter((line) => line.trim() !== ''));
      this.output.splice(0, Math.max(0, this.output.length - KEPT_LINES));
    };
    process.stdout?.on('data', keep);
    process.stderr?.on('data', keep);
    this.exited = new Promise((done) => process.once('exit', (code) => done(code)));
    globalThis.process.once('exit', this.killOnExit);
  }

  static start(options: ChildOptions): Child {
    const [command, ...args] = [...dieWithParent(), options.command, ...options.args] as [string, ...string[]];
    const stdio: StdioOptions = options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'];
    return new Child(options.name, spawn(command, args, { cwd: REPO_ROOT, env: options.env, stdio }));
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** The exit code, once it exited (null when a signal ended it). */
  exit(): Promise<number | null> {
    return this.exited;
  }

  /** What it printed last, to explain why it failed. */
  tail(lines = 40): string {
    return this.output.slice(-lines).join('\n');
  }

  /** Rejects when the child exits first: waiting for a sign of life from a dead process is pointless. */
  async unlessItExits<T>(waiting: Promise<T>): Promise<T> {
    const died = this.exited.then((code) => {
      throw new Error(`the ${this.name} exited (code ${code}) before it was ready:\n${this.tail()}`);
    });
    return Promise.race([waiting, died]);
  }

  /** SIGKILL at once: a crash, with no chance to finish anything; resolves once it is gone. */
  async kill(): Promise<void> {
    globalThis.process.off('exit', this.killOnExit);
    if (this.running) this.process.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL if it is still running after the grace period; resolves to the exit code. */
  async stop(): Promise<number | null> {
    globalThis.process.off('exit', this.killOnExit);
    if (!this.running) return this.exited;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), STOP_GRACE_MS);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command to its end (an npm script), with a deadline. It runs in a process group of its
 * own, so that at the deadline npm and the script it started are killed together.
 */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Finished> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    };
    const timer = setTimeout(killGroup, timeoutMs);
    process.once('exit', killGroup);
    const settle = (): void => {
      clearTimeout(timer);
      process.off('exit', killGroup);
    };
    child.once('error', (error) => {
      settle();
      fail(error);
    });
    // 'close', not 'exit': the output is complete only once the pipes are.
    child.once('close', (code) => {
      settle();
      done({ code, stdout, stderr });
    });
  });
}
