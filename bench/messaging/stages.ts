/**
 * Each stage of the pipeline alone, at full speed (`--stages`): which one limits the end-to-end
 * figure, and what each costs in CPU when it has the machine to itself.
 *
 * 1. appends: `writers` writers append `events` events while the relay is stopped;
 * 2. relay: a relay started on that backlog publishes it while the consumer is stopped;
 * 3. consumer: the consumer started on the stream's backlog commits its effects.
 */
import type { Client } from 'pg';
import type { OutboxRelay } from '@elan/messaging';
import type { PostgresEventStore } from '@elan/event-store';
import type { ConsumerProcess } from './consumer-process';
import { now } from './contract';
import { backendCpuSeconds, machineBusySeconds, processCpuSeconds } from './cpu';
import type { WindowReport } from './protocol';
import { newCounters, saturate, type RelayTotals } from './publisher';
import type { TransactionTotals } from './transactions';

export interface StageResult {
  readonly label: string;
  readonly events: number;
  readonly perS: number;
  /** CPU per event, µs: the stage's node process, its PostgreSQL backends, nats-server. */
  readonly cpu: { node: number; postgres: number | null; nats: number | null };
  readonly machineBusyCpus: number | null;
  readonly detail: string;
}

export interface StageContext {
  readonly store: PostgresEventStore;
  readonly writers: number;
  readonly events: number;
  readonly monitor: Client;
  readonly natsPid: number | undefined;
  readonly consumer: ConsumerProcess;
  readonly relayTotals: RelayTotals;
  readonly relayTx: TransactionTotals;
  /** Stops the running relay and starts a new one on the same checkpoint; returns it. */
  readonly restartRelay: (start: boolean) => Promise<OutboxRelay>;
}

const TIMEOUT_MS = 60_000;

async function waitFor(done: () => boolean, what: string): Promise<void> {
  const deadline = now() + TIMEOUT_MS;
  while (!done()) {
    if (now() > deadline) throw new Error(`stage: ${what} not done after ${TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface Meter {
  stop(): Promise<{
    seconds: number;
    nodeUs: number;
    postgresUs: number | null;
    natsUs: number | null;
    machineCpus: number | null;
  }>;
}

async function meter(ctx: StageContext, side: 'publisher' | 'consumer'): Promise<Meter> {
  const pg0 = await backendCpuSeconds(ctx.monitor);
  const nats0 = await processCpuSeconds(ctx.natsPid);
  const machine0 = await machineBusySeconds();
  const cpu0 = process.cpuUsage();
  const t0 = now();
  return {
    async stop() {
      const seconds = (now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const pg1 = await backendCpuSeconds(ctx.monitor);
      const nats1 = await processCpuSeconds(ctx.natsPid);
      const machine1 = await machineBusySeconds();
      return {
        seconds,
        nodeUs: cpu.user + cpu.system,
        postgresUs: pg0 && pg1 ? (pg1[side] - pg0[side]) * 1e6 : null,
        natsUs: nats0 !== null && nats1 !== null ? (nats1 - nats0) * 1e6 : null,
        machineCpus: machine0 !== null && machine1 !== null ? (machine1 - machine0) / seconds : null,
      };
    },
  };
}

const per = (us: number | null, events: number): number | null => (us === null ? null : us / events);

export async function runStages(ctx: StageContext): Promise<StageResult[]> {
  const { consumer, events } = ctx;
  const results: StageResult[] = [];
  const effectsBefore = consumer.effects;

  // 1. Appends alone: the relay is stopped (the consumer idles).
  await ctx.restartRelay(false);
  const counters = newCounters();
  let m = await meter(ctx, 'publisher');
  await saturate(
    ctx.store,
    {
      writers: ctx.writers,
      backlog: Number.POSITIVE_INFINITY,
      tag: 'stage',
      effects: () => 0,
      progress: () => Promise.resolve(),
      stop: () => counters.issued >= events,
    },
    counters,
  );
  let r = await m.stop();
  const appended = counters.done;
  results.push({
    label: `appends, ${ctx.writers} writers`,
    events: appended,
    perS: appended / r.seconds,
    cpu: { node: r.nodeUs / appended, postgres: per(r.postgresUs, appended), nats: null },
    machineBusyCpus: r.machineCpus,
    detail: `1 statement per append (+ NOTIFY when enabled)`,
  });

  // 2. The relay alone, on that backlog: the consumer is stopped.
  await consumer.request({ kind: 'pause-e2e' });
  const published0 = ctx.relayTotals.published;
  const batches0 = ctx.relayTotals.batches;
  const ack0 = ctx.relayTotals.ackWaitMs;
  const tx0 = { ...ctx.relayTx };
  m = await meter(ctx, 'publisher');
  await ctx.restartRelay(true);
  await waitFor(() => ctx.relayTotals.published - published0 >= appended, 'relay');
  r = await m.stop();
  const batches = ctx.relayTotals.batches - batches0;
  const txs = ctx.relayTx.transactions - tx0.transactions;
  results.push({
    label: 'relay: log → JetStream',
    events: appended,
    perS: appended / r.seconds,
    cpu: { node: r.nodeUs / appended, postgres: per(r.postgresUs, appended), nats: per(r.natsUs, appended) },
    machineBusyCpus: r.machineCpus,
    detail:
      `${batches} batches of ${(appended / batches).toFixed(0)}, ${((ctx.relayTx.statements - tx0.statements) / txs).toFixed(1)} statements and ` +
      `${((ctx.relayTx.busyMs - tx0.busyMs) / txs).toFixed(1)} ms each, of which ack wait ${((ctx.relayTotals.ackWaitMs - ack0) / batches).toFixed(1)} ms`,
  });

  // 3. The consumer alone, on the stream's backlog.
  m = await meter(ctx, 'consumer');
  await consumer.request({ kind: 'window-start' });
  await consumer.request({ kind: 'resume-e2e' });
  const target = effectsBefore + appended;
  await waitFor(() => consumer.effects >= target, 'consumer');
  const report = await consumer.request<WindowReport>({ kind: 'window-end' });
  r = await m.stop();
  results.push({
    label: 'consumer: JetStream → effects',
    events: report.effects,
    perS: (report.effects * 1000) / (report.endedAt - report.startedAt),
    cpu: {
      node: report.cpuUs / report.effects,
      postgres: per(r.postgresUs, report.effects),
      nats: per(r.natsUs, report.effects),
    },
    machineBusyCpus: r.machineCpus,
    detail:
      `${report.transactions} transactions of ${(report.effects / report.transactions).toFixed(0)} events, ` +
      `${(report.statements / report.transactions).toFixed(1)} statements and ${(report.transactionMs / report.transactions).toFixed(1)} ms each`,
  });
  return results;
}
