/** Run options, from CLI flags (`--writers=32`) or environment variables (`BENCH_WRITERS=32`). */

export interface MessagingBenchOptions {
  /** Concurrent writers of the saturating phase, each appending 1-event appends to its own streams. */
  readonly writers: number;
  /**
   * Events appended but not yet effected beyond which the saturating writers wait: the pipeline
   * always has work, and appends do not run away with the two CPUs.
   */
  readonly backlog: number;
  readonly warmupMs: number;
  /** Window of the throughput phases (end to end at maximum load, and the baseline). */
  readonly measureMs: number;
  /** Window of the lag phase at half the measured maximum. */
  readonly lagMeasureMs: number;
  /** OutboxRelay options (its defaults: 500 and 250 ms). */
  readonly relayBatchSize: number;
  readonly relayPollMs: number;
  /** DurableConsumer batch size (its default: 200); it pulls twice that from the server. */
  readonly consumerBatchSize: number;
  /** Baseline publisher: unacknowledged publishes kept in flight. */
  readonly baselineInFlight: number;
  /** `spawn` a nats-server of our own (default), or use the one at NATS_URL / 127.0.0.1:4222. */
  readonly nats: 'spawn' | 'local';
  /** The store's `notifyOtherProcesses` (its default: true). */
  readonly notify: boolean;
  /**
   * nats.js `noAsyncTraces` on both services' connections: on by default, as the services set
   * it (nats.js's own default captures two stack traces per request — each JetStream publish).
   */
  readonly noAsyncTraces: boolean;
  /** Also measure each stage alone (appends, relay, consumer) on `stageEvents` events. */
  readonly stages: boolean;
  readonly stageEvents: number;
  /** When set, CPU profiles of both processes over the maximum-load window are written there. */
  readonly profileDir: string | undefined;
}

export function readOptions(argv: readonly string[], env: NodeJS.ProcessEnv): MessagingBenchOptions {
  const flag = (name: string): string | undefined => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const setting = (name: string, variable: string): string | undefined => flag(name) ?? env[variable];
  const int = (name: string, variable: string, fallback: number): number => {
    const text = setting(name, variable);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} takes a positive integer, got "${text}"`);
    return n;
  };
  const bool = (name: string, variable: string, fallback: boolean): boolean => {
    const text = flag(name) ?? (argv.includes(`--${name}`) ? 'true' : env[variable]);
    if (text === undefined) return fallback;
    if (text !== 'true' && text !== 'false') throw new Error(`--${name} takes true or false, got "${text}"`);
    return text === 'true';
  };
  const nats = setting('nats', 'BENCH_NATS') ?? 'spawn';
  if (nats !== 'spawn' && nats !== 'local') throw new Error(`--nats takes spawn or local, got "${nats}"`);

  return {
    writers: int('writers', 'BENCH_WRITERS', 32),
    backlog: int('backlog', 'BENCH_BACKLOG', 4_000),
    warmupMs: int('warmup-ms', 'BENCH_WARMUP_MS', 3_000),
    measureMs: int('measure-ms', 'BENCH_MEASURE_MS', 8_000),
    lagMeasureMs: int('lag-measure-ms', 'BENCH_LAG_MEASURE_MS', 8_000),
    relayBatchSize: int('relay-batch-size', 'BENCH_RELAY_BATCH_SIZE', 500),
    relayPollMs: int('relay-poll-ms', 'BENCH_RELAY_POLL_MS', 250),
    consumerBatchSize: int('consumer-batch-size', 'BENCH_CONSUMER_BATCH_SIZE', 200),
    baselineInFlight: int('baseline-in-flight', 'BENCH_BASELINE_IN_FLIGHT', 500),
    nats,
    notify: bool('notify', 'BENCH_NOTIFY', true),
    noAsyncTraces: bool('no-async-traces', 'BENCH_NO_ASYNC_TRACES', true),
    profileDir: setting('profile-dir', 'BENCH_PROFILE_DIR'),
    stages: bool('stages', 'BENCH_STAGES', false),
    stageEvents: int('stage-events', 'BENCH_STAGE_EVENTS', 15_000),
  };
}
