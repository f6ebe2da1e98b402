/** The human tables and the final JSON line. */
import type { MessagingBenchOptions } from './options';
import type { StageResult } from './stages';

export interface PhaseResult {
  readonly label: string;
  /** Events appended (messages published, for the baseline) per second in the window. */
  readonly offeredPerS: number;
  /** Effects committed (messages acked, for the baseline) per second in the window. */
  readonly deliveredPerS: number;
  readonly delivered: number;
  /** Append (publish → ack, for the baseline) latency in the window, ms. */
  readonly appendP50Ms: number;
  readonly appendP99Ms: number;
  /** Effect commit − append issued, ms; null for the baseline. */
  readonly lag: Percentiles | null;
  /** Handler start − append issued, ms: what the handler writes in its row. */
  readonly handlerLag: Percentiles | null;
  /** CPU per delivered event, µs. */
  readonly cpu: {
    publisher: number;
    consumer: number;
    postgresPublisher: number | null;
    postgresConsumer: number | null;
    nats: number | null;
  };
  readonly relay: {
    batches: number;
    eventsPerBatch: number;
    ackWaitMs: number;
    statementsPerBatch: number;
    txMs: number;
    emptyPolls: number;
  } | null;
  readonly consumer: { transactions: number; eventsPerTx: number; statementsPerTx: number; txMs: number } | null;
  readonly pacing: { targetPerS: number; lateP99Ms: number; lateMaxMs: number; starved: number } | null;
  /** Events issued but not yet delivered, sampled every 20 ms: mean, and share of samples at the cap. */
  readonly backlog: { mean: number; atCap: number };
  /** CPUs busy in the window: the whole machine, and this run's processes (both services, their PostgreSQL backends, nats-server). */
  readonly machine: { busyCpus: number | null; runCpus: number };
}

export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly samples: number;
}

export interface RunInfo {
  readonly postgres: string;
  readonly nats: string;
  readonly cpus: number;
  readonly clockOffsetMs: number;
  readonly wallSeconds: number;
  readonly checks: readonly string[];
}

export interface MessagingResults {
  readonly baseline: PhaseResult;
  readonly max: PhaseResult;
  readonly half: PhaseResult;
  readonly stages?: readonly StageResult[];
}

const TARGET_EVENTS_PER_S = 2_000;
const TARGET_P99_MS = 100;

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN, samples: sorted.length };
}

export function renderTable(r: MessagingResults, options: MessagingBenchOptions, run: RunInfo): string {
  const phases = [r.baseline, r.max, r.half];
  const main = [
    ['', 'offered/s', 'delivered/s', 'lag p50', 'p90', 'p99', 'max', 'append/publish p50 / p99', 'backlog: mean, at cap'],
    ...phases.map((p) => [
      p.label,
      count(p.offeredPerS),
      count(p.deliveredPerS),
      ms(p.lag?.p50),
      ms(p.lag?.p90),
      ms(p.lag?.p99),
      ms(p.lag?.max),
      `${p.appendP50Ms.toFixed(2)} / ${p.appendP99Ms.toFixed(2)} ms`,
      `${count(p.backlog.mean)}, ${(p.backlog.atCap * 100).toFixed(0)} %`,
    ]),
  ];
  const cpu = [
    [
      'CPU µs per delivered event',
      'publisher node',
      'its postgres',
      'consumer node',
      'its postgres',
      'nats-server',
      'total',
      'CPUs busy: run / machine',
    ],
    ...phases.map((p) => {
      const parts = [p.cpu.publisher, p.cpu.postgresPublisher, p.cpu.consumer, p.cpu.postgresConsumer, p.cpu.nats];
      return [
        p.label,
        ...parts.map((c) => (c === null ? 'n/a' : c.toFixed(0))),
        parts.reduce<number>((a, c) => a + (c ?? 0), 0).toFixed(0),
        `${p.machine.runCpus.toFixed(2)} / ${fixed(p.machine.busyCpus ?? undefined, 2)}`,
      ];
    }),
  ];
  const where = [
    [
      'where the time goes',
      'relay batches',
      'empty polls',
      'ev/batch',
      'ack wait',
      'stmts',
      'relay tx',
      'consumer tx',
      'ev/tx',
      'stmts',
      'tx time',
    ],
    ...[r.max, r.half].map((p) => [
      p.label,
      count(p.relay?.batches),
      count(p.relay?.emptyPolls),
      fixed(p.relay?.eventsPerBatch, 1),
      ms(p.relay?.ackWaitMs),
      fixed(p.relay?.statementsPerBatch, 1),
      ms(p.relay?.txMs),
      count(p.consumer?.transactions),
      fixed(p.consumer?.eventsPerTx, 1),
      fixed(p.consumer?.statementsPerTx, 1),
      ms(p.consumer?.txMs),
    ]),
  ];
  const e2e = r.max.deliveredPerS;
  const p99 = r.half.lag?.p99 ?? Number.NaN;
  const pacing = r.half.pacing;
  const lines = [
    '',
    `Messaging benchmark: PostgreSQL ${run.postgres}, ${run.nats}, ${run.cpus} CPUs`,
    `windows: ${options.measureMs / 1000} s (throughput), ${options.lagMeasureMs / 1000} s (lag), each after ${options.warmupMs / 1000} s warm-up; ` +
      `${options.writers} writers, backlog cap ${options.backlog}; relay batch ${options.relayBatchSize} / poll ${options.relayPollMs} ms; consumer batch ${options.consumerBatchSize}; ` +
      `store notifyOtherProcesses ${options.notify}; nats noAsyncTraces ${options.noAsyncTraces}`,
    '',
    ...grid(main),
    '',
    `lag = effect committed − append issued (handler started − append issued: p50 ${ms(r.half.handlerLag?.p50)}, p99 ${ms(r.half.handlerLag?.p99)} at half load)`,
    pacing
      ? `half load: target ${count(pacing.targetPerS)}/s, appends issued late by p99 ${ms(pacing.lateP99Ms)}, max ${ms(pacing.lateMaxMs)}; ` +
        `all lanes busy ${pacing.starved} times`
      : '',
    '',
    ...grid(cpu),
    '',
    ...grid(where),
    '(relay: per batch, the NATS ack wait of its publishes, its statements BEGIN…COMMIT and its transaction time; consumer: per transaction)',
    '',
    ...stageLines(r.stages),
    `end to end / baseline = ${(e2e / r.baseline.deliveredPerS).toFixed(2)}`,
    `target ≥ ${count(TARGET_EVENTS_PER_S)} events/s end to end: ${count(e2e)} (${e2e >= TARGET_EVENTS_PER_S ? 'met' : 'MISSED'})`,
    `target p99 lag < ${TARGET_P99_MS} ms at half load: ${ms(p99)} (${p99 < TARGET_P99_MS ? 'met' : 'MISSED'})`,
    ...run.checks,
    `clock offset consumer − publisher process: ${run.clockOffsetMs.toFixed(3)} ms (removed from the lags)`,
    `wall time ${run.wallSeconds.toFixed(1)} s`,
    '',
  ];
  return lines.join('\n');
}

export function renderJson(r: MessagingResults): string {
  const e2e = Math.round(r.max.deliveredPerS);
  const baseline = Math.round(r.baseline.deliveredPerS);
  return JSON.stringify({
    bench: 'messaging',
    results: {
      end_to_end_events_per_s: e2e,
      lag_p50_ms: round(r.half.lag?.p50 ?? Number.NaN, 2),
      lag_p99_ms: round(r.half.lag?.p99 ?? Number.NaN, 2),
      baseline_events_per_s: baseline,
    },
    ratios: { vs_baseline: baseline === 0 ? null : round(e2e / baseline, 3) },
  });
}

function stageLines(stages: readonly StageResult[] | undefined): string[] {
  if (!stages) return [];
  return [
    ...grid([
      ['each stage alone', 'events/s', 'node µs/ev', 'postgres µs/ev', 'nats µs/ev', 'machine CPUs busy', 'how'],
      ...stages.map((s) => [
        s.label,
        count(s.perS),
        s.cpu.node.toFixed(0),
        fixed(s.cpu.postgres ?? undefined, 0),
        fixed(s.cpu.nats ?? undefined, 0),
        fixed(s.machineBusyCpus ?? undefined, 2),
        s.detail,
      ]),
    ]),
    '',
  ];
}

function grid(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   '),
  );
}

const count = (n: number | undefined): string =>
  n === undefined || !Number.isFinite(n) ? '—' : Math.round(n).toLocaleString('en-US');
const fixed = (n: number | undefined, digits: number): string =>
  n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits);
const ms = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '—' : `${n.toFixed(1)} ms`);
const round = (n: number, digits: number): number | null => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);
