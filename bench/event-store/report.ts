/** The human table and the final JSON line. */
import type { AdapterName } from './adapter';
import type { BenchOptions } from './options';
import type { AppendMeasurement, ReadMeasurement } from './workload';

export interface AdapterResults {
  /** Keyed by `appendKey(eventsPerAppend, writers)`. */
  readonly appends: Record<string, AppendMeasurement>;
  read?: ReadMeasurement;
  /** Events this adapter wrote over the run: the log the read workload pages through. */
  logEvents: number;
}

export type BenchResults = Record<AdapterName, AdapterResults>;

export interface RunInfo {
  readonly postgres: string;
  readonly cpus: number;
  readonly wallSeconds: number;
}

export const appendKey = (eventsPerAppend: number, writers: number): string => `append_${eventsPerAppend}ev_${writers}w`;

export function emptyResults(adapters: readonly AdapterName[]): BenchResults {
  const results = {} as BenchResults;
  for (const name of adapters) results[name] = { appends: {}, logEvents: 0 };
  return results;
}

const TARGET_KEY = appendKey(1, 8);
const TARGETS = { plain: 0.5, emmett: 1.0 } as const;

function ratio(results: BenchResults, key: string, other: 'plain' | 'emmett'): number | null {
  const ours = figure(results, 'ours', key);
  const theirs = figure(results, other, key);
  return ours === undefined || theirs === undefined || theirs === 0 ? null : ours / theirs;
}

function figure(results: BenchResults, adapter: AdapterName, key: string): number | undefined {
  const r = results[adapter] as AdapterResults | undefined;
  return key === 'read_all' ? r?.read?.eventsPerSecond : r?.appends[key]?.eventsPerSecond;
}

export function renderTable(results: BenchResults, options: BenchOptions, run: RunInfo): string {
  const adapters = options.adapters;
  const rows: string[][] = [];
  const header = ['events/s', ...adapters, ...comparisons(adapters).map((c) => `ours/${c}`)];
  const workloads: Array<[string, string]> = [];
  for (const e of options.eventsPerAppend)
    for (const w of options.writers) workloads.push([appendKey(e, w), `append ${e} ev, ${w} writer${w > 1 ? 's' : ''}`]);
  workloads.push(['read_all', `read all, pages of ${options.pageSize}`]);

  for (const [key, label] of workloads) {
    rows.push([
      label,
      ...adapters.map((a) => count(figure(results, a, key))),
      ...comparisons(adapters).map((c) => times(ratio(results, key, c))),
    ]);
  }
  const latency: string[][] = options.eventsPerAppend.flatMap((e) =>
    options.writers.map((w) => [
      `append ${e} ev, ${w} writer${w > 1 ? 's' : ''}`,
      ...adapters.map((a) => {
        const m = results[a].appends[appendKey(e, w)];
        return m ? `${m.p50Ms.toFixed(2)} / ${m.p99Ms.toFixed(2)}` : 'n/a';
      }),
    ]),
  );

  const cpu: string[][] = options.eventsPerAppend.flatMap((e) =>
    options.writers.map((w) => [
      `append ${e} ev, ${w} writer${w > 1 ? 's' : ''}`,
      ...adapters.map((a) => {
        const m = results[a].appends[appendKey(e, w)];
        if (!m) return 'n/a';
        const server = m.serverCpuUsPerEvent === null ? 'n/a' : m.serverCpuUsPerEvent.toFixed(0);
        return `${m.nodeCpuUsPerEvent.toFixed(0)} + ${server}`;
      }),
    ]),
  );

  const lines = [
    '',
    `Event store benchmark: PostgreSQL ${run.postgres}, ${run.cpus} CPUs, ` +
      `${options.measureMs / 1000} s per measurement after ${options.warmupMs / 1000} s warm-up`,
    '',
    ...grid([header, ...rows]),
    '',
    ...grid([['append latency p50 / p99 (ms)', ...adapters], ...latency]),
    '',
    ...grid([['CPU µs per event: node + postgres', ...adapters], ...cpu]),
    '',
    ...adapters.map((a) => readLine(a, results[a])),
    ...targetLines(results),
    `wall time ${run.wallSeconds.toFixed(1)} s`,
    '',
  ];
  return lines.join('\n');
}

function readLine(adapter: AdapterName, r: AdapterResults): string {
  const read = r.read;
  const log = r.logEvents.toLocaleString('en-US');
  if (!read) return `${adapter}: log of ${log} events, not read`;
  const held =
    read.eventsPerPass !== null && read.eventsPerPass < r.logEvents
      ? ` (a full pass saw only ${read.eventsPerPass.toLocaleString('en-US')}: the read guard held events back)`
      : '';
  return `${adapter}: log of ${log} events; the read window covered ${passes(read, r.logEvents).toFixed(2)} of it${held}`;
}

const passes = (read: ReadMeasurement, logEvents: number): number => (logEvents === 0 ? 0 : read.eventsRead / logEvents);

function comparisons(adapters: readonly AdapterName[]): Array<'plain' | 'emmett'> {
  if (!adapters.includes('ours')) return [];
  return (['plain', 'emmett'] as const).filter((a) => adapters.includes(a));
}

function targetLines(results: BenchResults): string[] {
  return (['emmett', 'plain'] as const).flatMap((other) => {
    const r = ratio(results, TARGET_KEY, other);
    if (r === null) return [];
    const target = TARGETS[other];
    return [
      `target at 8 writers, 1-event appends: ours/${other} = ${r.toFixed(2)} (≥ ${target.toFixed(1)}: ${r >= target ? 'met' : 'MISSED'})`,
    ];
  });
}

export function renderJson(results: BenchResults, options: BenchOptions, run: RunInfo): string {
  const figures: Record<string, unknown> = {};
  for (const name of options.adapters) {
    const r = results[name];
    const entry: Record<string, unknown> = {};
    for (const [key, m] of Object.entries(r.appends))
      entry[key] = {
        events_per_s: Math.round(m.eventsPerSecond),
        appends_per_s: Math.round(m.appendsPerSecond),
        p50_ms: round(m.p50Ms, 3),
        p99_ms: round(m.p99Ms, 3),
        node_cpu_us_per_event: round(m.nodeCpuUsPerEvent, 1),
        server_cpu_us_per_event: m.serverCpuUsPerEvent === null ? null : round(m.serverCpuUsPerEvent, 1),
      };
    if (r.read)
      entry['read_all'] = {
        events_per_s: Math.round(r.read.eventsPerSecond),
        page_size: options.pageSize,
        log_events: r.logEvents,
        passes: round(passes(r.read, r.logEvents), 2),
      };
    figures[name] = entry;
  }
  figures['run'] = {
    postgres: run.postgres,
    cpus: run.cpus,
    warmup_ms: options.warmupMs,
    measure_ms: options.measureMs,
    wall_s: round(run.wallSeconds, 1),
  };
  const r2 = (other: 'plain' | 'emmett') => {
    const r = ratio(results, TARGET_KEY, other);
    return r === null ? null : round(r, 2);
  };
  return JSON.stringify({
    bench: 'event-store',
    results: figures,
    ratios: { vs_plain_8w: r2('plain'), vs_emmett_8w: r2('emmett') },
  });
}

function grid(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   '),
  );
}

const count = (n: number | undefined): string => (n === undefined ? 'n/a' : Math.round(n).toLocaleString('en-US'));
const times = (r: number | null): string => (r === null ? 'n/a' : `${r.toFixed(2)}×`);
const round = (n: number, digits: number): number => Number(n.toFixed(digits));
