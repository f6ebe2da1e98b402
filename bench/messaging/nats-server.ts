/**
 * A nats-server of the run's own: JetStream on a free port of 127.0.0.1 with its store in a
 * fresh temporary directory, so neither streams nor consumers left by other runs or tests weigh
 * on the figures. Stopped, and its store removed, at the end of the run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';

export interface BenchNatsServer {
  readonly url: string;
  /** What the report says about it. */
  readonly description: string;
  /** The server's process id, to read its CPU time; undefined when it is not ours. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const CANDIDATES = ['/usr/sbin/nats-server', '/usr/local/bin/nats-server', '/usr/bin/nats-server'];

export async function spawnNatsServer(): Promise<BenchNatsServer> {
  const binary = CANDIDATES.find(executable);
  if (!binary)
    throw new Error(`no nats-server in ${CANDIDATES.join(', ')}; run with --nats=local to use NATS_URL or 127.0.0.1:4222`);
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const storeDir = await mkdtemp(join(tmpdir(), 'elan-bench-nats-'));
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const url = `nats://127.0.0.1:${port}`;
    // setpriv: the kernel stops the server if this process dies without cleaning up.
    const serverArgs = ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir];
    const [command, args] = executable('/usr/bin/setpriv')
      ? ['/usr/bin/setpriv', ['--pdeathsig', 'TERM', binary, ...serverArgs]]
      : [binary, serverArgs];
    const child = spawn(command, args, { stdio: 'ignore' });
    const killOnExit = (): void => void child.kill('SIGKILL');
    process.once('exit', killOnExit);
    let exited = false;
    const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
    child.once('error', () => undefined);
    const stop = async (): Promise<void> => {
      process.off('exit', killOnExit);
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exit;
        clearTimeout(timer);
      }
    };
    if (await answers(url, () => exited)) {
      child.unref();
      return {
        url,
        pid: child.pid,
        description: `${version}, spawned for this run on port ${port} (store ${storeDir}, removed at the end)`,
        stop: async () => {
          await stop();
          await rm(storeDir, { recursive: true, force: true });
        },
      };
    }
    lastError = new Error(`nats-server on port ${port} did not answer`);
    await stop();
  }
  await rm(storeDir, { recursive: true, force: true });
  throw lastError;
}

async function answers(url: string, gone: () => boolean): Promise<boolean> {
  const until = Date.now() + 10_000;
  while (Date.now() < until && !gone()) {
    try {
      const nc = await connect({ servers: url, timeout: 500 });
      await (await nc.jetstreamManager()).getAccountInfo();
      await nc.close();
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return false;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = server.address();
      server.close(() =>
        address !== null && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
