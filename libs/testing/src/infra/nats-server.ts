import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { delimiter, join } from 'node:path';
import { freePort } from './free-port';
import { probeNats, type NatsProbeIdentity } from './nats';
import { pollUntil, withTimeout } from './poll';

/** A nats-server process started by us. */
export interface SpawnedNatsServer {
  readonly url: string;
  readonly binary: string;
  /** Stops the server; removes its JetStream store unless it was asked to keep it. */
  stop(): Promise<void>;
}

export interface NatsServerOptions {
  /** The nats-server binary; default: the first found on the PATH or in /usr/sbin. */
  readonly binary?: string | undefined;
  /** JetStream store directory. */
  readonly storeDir: string;
  /** Keep the store at stop (to restart on it, or across runs); otherwise it is removed. */
  readonly keepData: boolean;
  readonly startTimeoutMs: number;
  /** A fixed port, e.g. to restart a stopped server where its clients reconnect; default: free. */
  readonly port?: number | undefined;
  /** Users and their permissions; without it the server is open to anyone who reaches it. */
  readonly authorization?: NatsServerAuthorization | undefined;
}

/** A server that lets in only the users of an `authorization { users = [...] }` block. */
export interface NatsServerAuthorization {
  /** The block (`renderNatsAuthorization`), written to the server's configuration file. */
  readonly config: string;
  /** A user allowed `$JS.API.INFO`, to tell when the server is ready. */
  readonly probeAs: NatsProbeIdentity;
}

/** Debian installs nats-server in /usr/sbin, which is not on a non-root user's PATH. */
const WELL_KNOWN_LOCATIONS = ['/usr/sbin/nats-server', '/usr/local/bin/nats-server'];

/** Places to look for the nats-server binary: every PATH entry, then well-known locations. */
export function natsServerCandidates(path = process.env.PATH ?? ''): string[] {
  const fromPath = path
    .split(delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, 'nats-server'));
  return [...new Set([...fromPath, ...WELL_KNOWN_LOCATIONS])];
}

/** The first executable among `candidates`, if any. */
export function findExecutable(candidates: readonly string[]): string | undefined {
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The nats-server binary `ensureInfrastructure` would spawn, if any (tests skip without one). */
export function findNatsServerBinary(): string | undefined {
  return findExecutable(natsServerCandidates());
}

const SPAWN_ATTEMPTS = 3;

/**
 * Starts `nats-server -js` on 127.0.0.1 (a free port unless one is given), with the given
 * authorization as its configuration file if any, and waits until it answers with JetStream.
 * Retries if the server exits early: on a new free port (someone took the one we picked before
 * the server bound it), or on the given port (it may be freed soon).
 */
export async function spawnNatsServer(options: NatsServerOptions): Promise<SpawnedNatsServer> {
  const binary = options.binary ?? findNatsServerBinary();
  if (binary === undefined)
    throw new Error('no nats-server binary on the PATH or in /usr/sbin (Debian: `apt-get install nats-server`)');
  await mkdir(options.storeDir, { recursive: true });
  let lastError: unknown;
  for (let attempt = 1; attempt <= SPAWN_ATTEMPTS; attempt++) {
    try {
      return await spawnOnce(binary, options, options.port ?? (await freePort()));
    } catch (error) {
      lastError = error;
    }
  }
  if (!options.keepData) await rm(options.storeDir, { recursive: true, force: true });
  throw lastError;
}

async function spawnOnce(binary: string, options: NatsServerOptions, port: number): Promise<SpawnedNatsServer> {
  const url = `nats://127.0.0.1:${port}`;
  const config = options.authorization && (await writeConfig(options.storeDir, options.authorization));
  const args = [...(config ? ['-c', config] : []), '-js', '-a', '127.0.0.1', '-p', String(port), '-sd', options.storeDir];
  const [command, ...commandArgs] = [...dieWithOwnerPrefix(), binary, ...args] as [string, ...string[]];
  const child = spawn(command, commandArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  const output = keepTail(child);
  let exit: string | undefined;
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  child.once('exit', (code, signal) => (exit = `exited (code ${code}, signal ${signal})`));
  // If the owner exits without calling stop() (a crash, process.exit), take the server along.
  const killOnExit = (): void => void child.kill('SIGTERM');
  process.once('exit', killOnExit);

  const stopChild = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null || spawnError) return;
    child.ref();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await withTimeout(exited, 10_000, 'nats-server did not stop within 10 s').catch((error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    });
  };

  try {
    await pollUntil(
      `nats-server at ${url}`,
      async () => ((await probeNats(url, 500, options.authorization?.probeAs)).ok ? true : undefined),
      {
        timeoutMs: options.startTimeoutMs,
        abandonWhen: () =>
          spawnError ? `could not run ${binary}: ${spawnError.message}` : exit && `${exit}: ${output().join(' | ')}`,
      },
    );
  } catch (error) {
    await stopChild();
    throw error;
  }

  // Neither the server nor its log pipe may keep the owner alive (see killOnExit).
  child.unref();
  if (child.stderr instanceof Socket) child.stderr.unref();

  let stopped: Promise<void> | undefined;
  return {
    url,
    binary,
    stop: () =>
      (stopped ??= (async () => {
        await stopChild();
        if (!options.keepData) await rm(options.storeDir, { recursive: true, force: true });
      })()),
  };
}

/** Beside the JetStream store, and removed with it; public keys only, but nobody else's business. */
async function writeConfig(storeDir: string, authorization: NatsServerAuthorization): Promise<string> {
  const file = join(storeDir, 'nats-server.conf');
  await writeFile(file, authorization.config, { mode: 0o600 });
  return file;
}

let cachedPrefix: string[] | undefined;

/**
 * On Linux, `setpriv --pdeathsig TERM` (util-linux) makes the kernel stop the server when its
 * owner dies, even by SIGKILL, which no exit hook survives; a server outliving its owner would
 * otherwise keep the JetStream store that the next run reuses. (The signal follows the thread
 * that spawned it, so spawn from the main thread, not a worker thread.) Elsewhere: nothing.
 */
function dieWithOwnerPrefix(): string[] {
  if (cachedPrefix) return cachedPrefix;
  cachedPrefix = [];
  if (process.platform !== 'linux') return cachedPrefix;
  const setpriv = findExecutable(['/usr/bin/setpriv', '/bin/setpriv']);
  if (setpriv === undefined) return cachedPrefix;
  const help = spawnSync(setpriv, ['--help'], { encoding: 'utf8', timeout: 2_000 });
  if (help.stdout?.includes('--pdeathsig')) cachedPrefix = [setpriv, '--pdeathsig', 'TERM'];
  return cachedPrefix;
}

/** Drains the server's log (an unread pipe would block it) and keeps its last lines. */
function keepTail(child: ChildProcess, lines = 20): () => string[] {
  const kept: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    kept.push(...chunk.split('\n').filter((line) => line.trim() !== ''));
    kept.splice(0, Math.max(0, kept.length - lines));
  });
  return () => kept;
}
