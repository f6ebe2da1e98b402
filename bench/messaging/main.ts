/**
 * Messaging benchmark: integration events from an append in one service (PostgresEventStore →
 * OutboxRelay → JetStream `ELAN`) to the committed effect of a DurableConsumer's handler in
 * another service, against the baseline of bare JetStream publish → consume → ack, in one run,
 * on a fresh database and (by default) a nats-server of its own. See bench/README.md.
 *
 *   npm run bench:messaging [-- --writers=16 --measure-ms=8000]
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { Client, Pool } from 'pg';
import { connect, type NatsConnection } from 'nats';
import { PostgresEventStore } from '@elan/event-store';
import { ELAN_STREAM, OutboxRelay, ensureStreams } from '@elan/messaging';
import { createBenchDatabase, type BenchDatabase } from './database';
import { baselineSubject, benchContract, now } from './contract';
import { ConsumerProcess } from './consumer-process';
import { backendCpuSeconds, machineBusySeconds, processCpuSeconds } from './cpu';
import { spawnNatsServer, type BenchNatsServer } from './nats-server';
import { readOptions, type MessagingBenchOptions } from './options';
import { startProfile } from './profile';
import type { WindowReport } from './protocol';
import { baselineLoad, newCounters, paced, saturate, timedJetStream, type LoadCounters, type RelayTotals } from './publisher';
import { percentiles, renderJson, renderTable, type MessagingResults, type PhaseResult } from './report';
import { runStages, type StageResult } from './stages';
import { emptyTotals, watchTransactions, type TransactionTotals } from './transactions';

const PUBLISHER_SCHEMA = 'bench_pub';
const CONSUMER_SCHEMA = 'bench_sub';
/** The DurableConsumer's own setting; the baseline consumer gets the same. */
const MAX_ACK_PENDING = 1_000;
const PACED_LANES = 64;
const DRAIN_TIMEOUT_MS = 60_000;
const EMPTY_POLL_STATEMENTS = 4;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Progress goes to stderr: stdout holds the tables and, last, the JSON line. */
function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

interface Resources {
  db?: BenchDatabase;
  monitor?: Client;
  server?: BenchNatsServer;
  consumer?: ConsumerProcess;
  pool?: Pool;
  nc?: NatsConnection;
  store?: PostgresEventStore;
  relay?: OutboxRelay;
}

interface Run {
  readonly options: MessagingBenchOptions;
  readonly runId: string;
  readonly natsPid: number | undefined;
  readonly monitor: Client;
  readonly consumer: ConsumerProcess;
  readonly relayTotals: RelayTotals;
  readonly relayTx: TransactionTotals;
  readonly clockOffsetMs: number;
}

interface Snapshot {
  readonly at: number;
  readonly cpu: NodeJS.CpuUsage;
  readonly done: number;
  readonly appendIndex: number;
  readonly relay: RelayTotals;
  readonly relayTx: TransactionTotals;
  /** CPU seconds of the database server's backends, by the pool they serve. */
  readonly postgresS: { publisher: number; consumer: number } | null;
  readonly natsS: number | null;
  /** CPU seconds the whole machine spent busy (all CPUs, from /proc/stat). */
  readonly machineS: number | null;
}

async function snapshot(run: Run, counters: LoadCounters): Promise<Snapshot> {
  return {
    at: now(),
    cpu: process.cpuUsage(),
    done: counters.done,
    appendIndex: counters.appendMs.length,
    relay: { ...run.relayTotals },
    relayTx: { ...run.relayTx },
    postgresS: await backendCpuSeconds(run.monitor),
    natsS: await processCpuSeconds(run.natsPid),
    machineS: await machineBusySeconds(),
  };
}

/** Measures one window: the consumer's view by its clock, the publisher's by ours. */
async function measureWindow(
  run: Run,
  counters: LoadCounters,
  ms: number,
  label: string,
  kind: 'baseline' | 'e2e',
  backlog: () => number,
  pacing: PhaseResult['pacing'] = null,
  profile?: string,
): Promise<{ result: PhaseResult; report: WindowReport }> {
  const dir = run.options.profileDir;
  const profiler = dir && profile ? await startProfile(dir, `${profile}-publisher`) : undefined;
  if (dir && profile) await run.consumer.request({ kind: 'profile-start', dir, name: `${profile}-consumer` });
  const before = await snapshot(run, counters);
  await run.consumer.request({ kind: 'window-start' });
  const backlogs: number[] = [];
  const sampler = setInterval(() => backlogs.push(backlog()), 20);
  await sleep(ms);
  clearInterval(sampler);
  const report = await run.consumer.request<WindowReport>({ kind: 'window-end' });
  const after = await snapshot(run, counters);
  if (profiler) {
    progress(`profile: ${await profiler.stop()}`);
    progress(`profile: ${await run.consumer.request<string>({ kind: 'profile-stop' })}`);
  }
  const delivered = kind === 'baseline' ? report.baselineAcks : report.effects;
  const perEvent = (us: number | null): number | null => (us === null || delivered === 0 ? null : us / delivered);
  const cpuUs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage): number => b.user - a.user + (b.system - a.system);
  const appendMs = percentiles(counters.appendMs.slice(before.appendIndex, after.appendIndex));
  const relayBatches = after.relay.batches - before.relay.batches;
  const relayTx = after.relayTx.transactions - before.relayTx.transactions;
  const shift = (lags: number[]): number[] => lags.map((lag) => lag - run.clockOffsetMs);
  const seconds = (after.at - before.at) / 1000;
  const ours =
    cpuUs(before.cpu, after.cpu) / 1e6 +
    report.cpuUs / 1e6 +
    (before.postgresS && after.postgresS
      ? after.postgresS.publisher + after.postgresS.consumer - before.postgresS.publisher - before.postgresS.consumer
      : 0) +
    (before.natsS !== null && after.natsS !== null ? after.natsS - before.natsS : 0);
  return {
    report,
    result: {
      label,
      offeredPerS: ((after.done - before.done) * 1000) / (after.at - before.at),
      deliveredPerS: (delivered * 1000) / (report.endedAt - report.startedAt),
      delivered,
      appendP50Ms: appendMs.p50,
      appendP99Ms: appendMs.p99,
      lag: kind === 'e2e' ? percentiles(shift(report.commitLagsMs)) : null,
      handlerLag: kind === 'e2e' ? percentiles(shift(report.handlerLagsMs)) : null,
      cpu: {
        publisher: cpuUs(before.cpu, after.cpu) / Math.max(delivered, 1),
        consumer: report.cpuUs / Math.max(delivered, 1),
        postgresPublisher: perEvent(
          before.postgresS && after.postgresS && (after.postgresS.publisher - before.postgresS.publisher) * 1e6,
        ),
        postgresConsumer: perEvent(
          before.postgresS && after.postgresS && (after.postgresS.consumer - before.postgresS.consumer) * 1e6,
        ),
        nats: perEvent(before.natsS === null || after.natsS === null ? null : (after.natsS - before.natsS) * 1e6),
      },
      relay:
        kind === 'e2e'
          ? {
              batches: relayBatches,
              eventsPerBatch: (after.relay.published - before.relay.published) / relayBatches,
              ackWaitMs: (after.relay.ackWaitMs - before.relay.ackWaitMs) / relayBatches,
              statementsPerBatch: (after.relayTx.statements - before.relayTx.statements) / relayTx,
              txMs: (after.relayTx.busyMs - before.relayTx.busyMs) / relayTx,
              emptyPolls: after.relay.emptyPolls - before.relay.emptyPolls,
            }
          : null,
      consumer:
        kind === 'e2e'
          ? {
              transactions: report.transactions,
              eventsPerTx: report.effects / report.transactions,
              statementsPerTx: report.statements / report.transactions,
              txMs: report.transactionMs / report.transactions,
            }
          : null,
      pacing,
      backlog: {
        mean: backlogs.reduce((a, b) => a + b, 0) / Math.max(backlogs.length, 1),
        atCap: backlogs.filter((b) => b >= run.options.backlog).length / Math.max(backlogs.length, 1),
      },
      machine: {
        busyCpus: before.machineS === null || after.machineS === null ? null : (after.machineS - before.machineS) / seconds,
        runCpus: ours / seconds,
      },
    },
  };
}

async function runBaseline(run: Run, nc: NatsConnection, natsUrl: string): Promise<PhaseResult> {
  const { options, consumer } = run;
  const subject = baselineSubject(run.runId);
  await consumer.request({
    kind: 'start-baseline',
    natsUrl,
    subject,
    durableName: `bench-baseline-${run.runId}`,
    maxMessages: options.consumerBatchSize * 2,
    maxAckPending: MAX_ACK_PENDING,
    noAsyncTraces: options.noAsyncTraces,
  });
  const counters = newCounters();
  let stop = false;
  const load = baselineLoad(
    nc.jetstream(),
    { subject, type: `BenchBaseline${run.runId}`, version: 1 },
    {
      inFlight: options.baselineInFlight,
      backlog: options.backlog,
      acks: () => consumer.baselineAcks,
      progress: () => consumer.nextProgress(),
      stop: () => stop,
    },
    counters,
  );
  let result: PhaseResult;
  try {
    await sleep(options.warmupMs);
    ({ result } = await measureWindow(
      run,
      counters,
      options.measureMs,
      'baseline: JetStream publish → consume → ack',
      'baseline',
      () => counters.issued - consumer.baselineAcks,
    ));
  } finally {
    stop = true;
    await load;
  }
  if (!(await consumer.until(() => consumer.baselineAcks, counters.done, DRAIN_TIMEOUT_MS)))
    throw new Error(`baseline: ${consumer.baselineAcks} of ${counters.done} messages acked after ${DRAIN_TIMEOUT_MS / 1000} s`);
  await consumer.request({ kind: 'stop-baseline' });
  return result;
}

async function runMaximum(
  run: Run,
  store: PostgresEventStore,
  appendedBefore: number,
): Promise<{ result: PhaseResult; appended: number }> {
  const { options, consumer } = run;
  const counters = newCounters();
  let stop = false;
  const backlog = (): number => counters.issued - (consumer.effects - appendedBefore);
  const load = saturate(
    store,
    {
      writers: options.writers,
      backlog: options.backlog,
      tag: 'max',
      effects: () => consumer.effects - appendedBefore,
      progress: () => consumer.nextProgress(),
      stop: () => stop,
    },
    counters,
  );
  let result: PhaseResult;
  try {
    await sleep(options.warmupMs);
    ({ result } = await measureWindow(
      run,
      counters,
      options.measureMs,
      `end to end, ${options.writers} writers`,
      'e2e',
      backlog,
      null,
      'max',
    ));
  } finally {
    stop = true;
    await load;
  }
  await drain(consumer, appendedBefore + counters.done);
  return { result, appended: counters.done };
}

async function runHalf(
  run: Run,
  store: PostgresEventStore,
  ratePerS: number,
  appendedBefore: number,
): Promise<{ result: PhaseResult; appended: number }> {
  const { options, consumer } = run;
  const counters = newCounters();
  // The schedule runs a little past the window, so the window only sees the steady rate.
  const schedule = paced(
    store,
    { ratePerS, durationMs: options.warmupMs + options.lagMeasureMs + 500, lanes: PACED_LANES, tag: 'half' },
    counters,
  );
  let measured: { result: PhaseResult };
  try {
    await sleep(options.warmupMs);
    measured = await measureWindow(
      run,
      counters,
      options.lagMeasureMs,
      `end to end, paced at ${Math.round(ratePerS)}/s`,
      'e2e',
      () => counters.issued - (consumer.effects - appendedBefore),
    );
  } finally {
    await schedule.catch(() => undefined);
  }
  const stats = await schedule;
  const late = percentiles(stats.lateMs);
  await drain(consumer, appendedBefore + counters.done);
  return {
    result: {
      ...measured.result,
      pacing: { targetPerS: ratePerS, lateP99Ms: late.p99, lateMaxMs: late.max, starved: stats.starved },
    },
    appended: counters.done,
  };
}

async function drain(consumer: ConsumerProcess, target: number): Promise<void> {
  if (!(await consumer.until(() => consumer.effects, target, DRAIN_TIMEOUT_MS)))
    throw new Error(`${consumer.effects} of ${target} effects committed after ${DRAIN_TIMEOUT_MS / 1000} s`);
}

async function benchmark(
  options: MessagingBenchOptions,
  res: Resources,
): Promise<{ results: MessagingResults; checks: string[]; clockOffsetMs: number; postgres: string }> {
  const runId = randomBytes(4).toString('hex');
  const db = (res.db = await createBenchDatabase());
  let natsUrl: string;
  if (options.nats === 'spawn') {
    res.server = await spawnNatsServer();
    natsUrl = res.server.url;
  } else natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  progress(`run ${runId}: database ${db.name}, NATS ${natsUrl}`);

  const relayTotals: RelayTotals = { batches: 0, published: 0, ackWaitMs: 0, emptyPolls: 0 };
  const relayTx = emptyTotals();
  // Idle connections stay open: a backend that exits would take its CPU time out of the count.
  const pool = (res.pool = new Pool({
    connectionString: db.url,
    max: options.writers + 4,
    idleTimeoutMillis: 0,
    application_name: 'bench-publisher',
  }));
  pool.on('error', (error) => progress(`publisher pool: ${error.message}`));
  const monitor = (res.monitor = new Client({ connectionString: db.url, application_name: 'bench-monitor' }));
  await monitor.connect();
  const postgres = (await monitor.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? 'unknown';
  // Only the relay opens transactions on the publisher's pool: appends are single statements.
  // A poll that found nothing is BEGIN, lock, read, COMMIT: only batches that published count.
  watchTransactions(pool, (end) => {
    if (end.statements <= EMPTY_POLL_STATEMENTS) return void relayTotals.emptyPolls++;
    relayTx.transactions++;
    relayTx.statements += end.statements;
    relayTx.busyMs += end.endedAt - end.beganAt;
  });
  const store = (res.store = await PostgresEventStore.open(pool, {
    schema: PUBLISHER_SCHEMA,
    notifyOtherProcesses: options.notify,
  }));
  const nc = (res.nc = await connect({ servers: natsUrl, maxReconnectAttempts: -1, noAsyncTraces: options.noAsyncTraces }));
  await ensureStreams(await nc.jetstreamManager());
  const contract = benchContract(runId);
  const relayErrors: string[] = [];
  const newRelay = (): OutboxRelay =>
    (res.relay = new OutboxRelay({
      store,
      js: timedJetStream(nc.jetstream(), relayTotals),
      map: (event) => ({ contract, payload: event.data }),
      batchSize: options.relayBatchSize,
      pollIntervalMs: options.relayPollMs,
      onError: (error) => void (relayErrors.length < 20 && relayErrors.push(String(error))),
    }));
  const relay = newRelay();

  const consumer = (res.consumer = ConsumerProcess.start());
  const clock = await consumer.clockOffsetMs();
  const durableName = `pledge-bench-${runId}`;
  await consumer.request({
    kind: 'start-e2e',
    databaseUrl: db.url,
    natsUrl,
    runId,
    schema: CONSUMER_SCHEMA,
    durableName,
    batchSize: options.consumerBatchSize,
    noAsyncTraces: options.noAsyncTraces,
  });
  await relay.start();

  const server = res.server;
  const run: Run = {
    options,
    runId,
    monitor,
    natsPid: server?.pid,
    consumer,
    relayTotals,
    relayTx,
    clockOffsetMs: clock.offsetMs,
  };

  progress('baseline: bare JetStream publish → consume → ack …');
  const baseline = await runBaseline(run, nc, natsUrl);
  progress(`baseline: ${Math.round(baseline.deliveredPerS)} messages/s`);

  progress(`end to end at maximum load (${options.writers} writers) …`);
  const max = await runMaximum(run, store, 0);
  progress(`end to end: ${Math.round(max.result.deliveredPerS)} effects/s`);

  const rate = Math.max(1, Math.round(max.result.deliveredPerS / 2));
  progress(`end to end paced at ${rate}/s …`);
  const half = await runHalf(run, store, rate, max.appended);
  progress(`lag p50 ${half.result.lag?.p50.toFixed(1)} ms, p99 ${half.result.lag?.p99.toFixed(1)} ms`);

  let stages: StageResult[] | undefined;
  if (options.stages) {
    progress(`each stage alone on ${options.stageEvents} events …`);
    stages = await runStages({
      store,
      writers: options.writers,
      events: options.stageEvents,
      monitor,
      natsPid: server?.pid,
      consumer,
      relayTotals,
      relayTx,
      restartRelay: async (start) => {
        await res.relay?.stop();
        const next = newRelay();
        if (start) await next.start();
        return next;
      },
    });
    for (const stage of stages) progress(`${stage.label}: ${Math.round(stage.perS)}/s`);
  }

  // Every appended event has exactly one committed effect, and nothing went wrong on the way.
  const appended = max.appended + half.appended + (stages?.[0]?.events ?? 0);
  const [effects, inbox, events] = await Promise.all([
    pool.query<{ n: string; distinct: string }>(
      `SELECT count(*) AS n, count(DISTINCT event_id) AS distinct FROM ${CONSUMER_SCHEMA}.effects`,
    ),
    pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${CONSUMER_SCHEMA}.inbox WHERE consumer = $1`, [durableName]),
    pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${PUBLISHER_SCHEMA}.events`),
  ]);
  const effectRows = Number(effects.rows[0]?.n);
  const checks = [
    `check: ${events.rows[0]?.n} events appended, ${effectRows} effect rows (${effects.rows[0]?.distinct} distinct events), ` +
      `${inbox.rows[0]?.n} inbox entries: ${effectRows === appended && Number(effects.rows[0]?.distinct) === appended && Number(events.rows[0]?.n) === appended ? 'each event took effect exactly once' : 'MISMATCH'}`,
    ...relayErrors.map((e) => `relay error: ${e}`),
    ...consumer.errors.map((e) => `consumer error: ${e}`),
  ];
  if (options.nats === 'local') {
    const jsm = await nc.jetstreamManager();
    await jsm.consumers.delete(ELAN_STREAM, durableName).catch(() => undefined);
    await jsm.consumers.delete(ELAN_STREAM, `bench-baseline-${runId}`).catch(() => undefined);
    await jsm.streams.purge(ELAN_STREAM, { filter: contract.subject }).catch(() => undefined);
    await jsm.streams.purge(ELAN_STREAM, { filter: baselineSubject(runId) }).catch(() => undefined);
  }
  return {
    results: { baseline, max: max.result, half: half.result, ...(stages && { stages }) },
    checks,
    clockOffsetMs: clock.offsetMs,
    postgres,
  };
}

async function release(res: Resources): Promise<void> {
  const { consumer, relay, store, nc, pool, monitor, db, server } = res;
  const steps: Array<(() => Promise<unknown>) | undefined> = [
    consumer && (() => consumer.shutdown()),
    relay && (() => relay.stop()),
    store && (() => store.close()),
    nc && (() => nc.close()),
    pool && (() => pool.end()),
    monitor && (() => monitor.end()),
    db && (() => db.drop()),
    server && (() => server.stop()),
  ];
  for (const step of steps) await step?.().catch((error: unknown) => progress(`cleanup: ${String(error)}`));
}

async function main(): Promise<void> {
  const started = now();
  const options = readOptions(process.argv.slice(2), process.env);
  const res: Resources = {};
  process.once('SIGINT', () => {
    progress('interrupted: cleaning up');
    res.consumer?.kill();
    res.consumer = undefined;
    void release(res).finally(() => process.exit(130));
  });
  let outcome: Awaited<ReturnType<typeof benchmark>>;
  try {
    outcome = await benchmark(options, res);
  } finally {
    await release(res);
  }
  const info = {
    postgres: outcome.postgres,
    nats:
      res.server?.description ??
      `nats at ${process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222'} (shared; run-unique subjects and consumers, removed at the end)`,
    cpus: cpus().length,
    clockOffsetMs: outcome.clockOffsetMs,
    wallSeconds: (now() - started) / 1000,
    checks: outcome.checks,
  };
  process.stdout.write(renderTable(outcome.results, options, info));
  process.stdout.write(`${renderJson(outcome.results)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:messaging failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
