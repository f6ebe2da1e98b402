/** Run options, from CLI flags (`--adapters=plain,emmett`) or environment variables. */
import type { AdapterName } from './adapter';

export interface BenchOptions {
  readonly adapters: readonly AdapterName[];
  readonly writers: readonly number[];
  readonly eventsPerAppend: readonly number[];
  readonly warmupMs: number;
  readonly measureMs: number;
  readonly pageSize: number;
}

const ALL_ADAPTERS: readonly AdapterName[] = ['ours', 'plain', 'emmett'];

export function readOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flag = (name: string): string | undefined => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const setting = (name: string, variable: string) => flag(name) ?? env[variable];

  const adapters = list(setting('adapters', 'BENCH_ADAPTERS')) ?? [...ALL_ADAPTERS];
  const unknown = adapters.filter((a) => !ALL_ADAPTERS.includes(a as AdapterName));
  if (unknown.length > 0 || adapters.length === 0)
    throw new Error(`--adapters takes a comma list of ${ALL_ADAPTERS.join(', ')}; got ${adapters.join(',')}`);

  return {
    // Always in this order: Élan's store opens first, Emmett last (see database.ts, parsers).
    adapters: ALL_ADAPTERS.filter((a) => adapters.includes(a)),
    writers: numbers(setting('writers', 'BENCH_WRITERS')) ?? [1, 8, 32],
    eventsPerAppend: numbers(setting('events-per-append', 'BENCH_EVENTS_PER_APPEND')) ?? [1, 10],
    warmupMs: number(setting('warmup-ms', 'BENCH_WARMUP_MS')) ?? 500,
    measureMs: number(setting('measure-ms', 'BENCH_MEASURE_MS')) ?? 4000,
    pageSize: number(setting('page-size', 'BENCH_PAGE_SIZE')) ?? 1000,
  };
}

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function numbers(value: string | undefined): number[] | undefined {
  return list(value)?.map((s) => positive(s));
}

function number(value: string | undefined): number | undefined {
  return value === undefined ? undefined : positive(value);
}

function positive(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a positive integer, got "${text}"`);
  return n;
}
