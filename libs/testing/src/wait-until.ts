import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';

/** How long to wait for a condition, and what to call it when it never holds. */
export interface WaitUntilOptions {
  /** Deadline, counted from the call; an attempt is also made at the deadline itself. */
  readonly timeoutMs: number;
  /** Pause between attempts; 25 ms unless given. */
  readonly intervalMs?: number;
  /** What is awaited, in words, for the timeout message: "the pledge projection shows €10". */
  readonly description?: string;
}

/**
 * The condition did not hold before the deadline. `cause` is the error of the last attempt that
 * settled, when it threw, so Jest prints the assertion or query failure behind the timeout.
 */
export class WaitUntilTimeoutError extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'WaitUntilTimeoutError';
  }
}

const DEFAULT_INTERVAL_MS = 25;
const STILL_RUNNING = Symbol('still running');

type Settled<T> = { kind: 'value'; value: T } | { kind: 'error'; error: unknown };
type Outcome<T> = Settled<T> | { kind: 'running' };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once `performance.now()` reaches `deadline`, on a timer even when it already has: an
 * attempt made at the deadline still gets to settle if it can within the turn (synchronous
 * conditions, resolved promises), while one waiting on I/O is abandoned.
 */
const deadlineTimer = (deadline: number): { reached: Promise<typeof STILL_RUNNING>; cancel(): void } => {
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<typeof STILL_RUNNING>((resolve) => {
    const check = (): void => {
      const left = deadline - performance.now();
      // Timers may fire up to a millisecond early; never report a timeout before the deadline.
      if (left <= 0) resolve(STILL_RUNNING);
      else timer = setTimeout(check, left + 1);
    };
    timer = setTimeout(check, Math.max(0, deadline - performance.now()));
  });
  return { reached, cancel: () => clearTimeout(timer) };
};

const describeSettled = <T>(outcome: Settled<T>): string =>
  outcome.kind === 'value'
    ? `returned ${inspect(outcome.value, { depth: 4 })}`
    : `threw ${outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message}` : inspect(outcome.error)}`;

const describeOutcome = <T>(last: Outcome<T>, lastSettled: Settled<T> | undefined): string => {
  if (last.kind !== 'running') return `the last attempt ${describeSettled(last)}`;
  if (lastSettled === undefined) return 'the only attempt was still running';
  return `the last attempt was still running; the one before ${describeSettled(lastSettled)}`;
};

/**
 * Polls `condition` until it returns a truthy value, and resolves with that value: the probe
 * that replaces fixed sleeps in asynchronous tests ("until this holds, at most N ms").
 *
 * A condition that throws (or rejects) has not held *yet*: polling goes on, so a condition may
 * read a row that does not exist yet, or make Jest assertions and `return true` at the end. A
 * falsy value (`undefined`, `null`, `false`, `0`, `''`) also means "not yet". After the deadline
 * it rejects with a `WaitUntilTimeoutError` naming the description and the last value or error
 * (as `cause`). An attempt still running at the deadline is not awaited any further.
 */
export const waitUntil = async <T>(condition: () => T | Promise<T>, options: WaitUntilOptions): Promise<NonNullable<T>> => {
  const { timeoutMs, intervalMs = DEFAULT_INTERVAL_MS, description = 'the condition holds' } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0)
    throw new RangeError(`waitUntil needs a finite, non-negative timeoutMs, got ${timeoutMs}`);
  if (!Number.isFinite(intervalMs) || intervalMs <= 0)
    throw new RangeError(`waitUntil needs a finite, positive intervalMs, got ${intervalMs}`);

  const started = performance.now();
  const deadline = started + timeoutMs;
  let attempts = 0;
  let lastSettled: Settled<T> | undefined;
  for (;;) {
    attempts += 1;
    const timer = deadlineTimer(deadline);
    let outcome: Outcome<T>;
    try {
      const result = await Promise.race([Promise.resolve().then(() => condition()), timer.reached]);
      outcome = result === STILL_RUNNING ? { kind: 'running' } : { kind: 'value', value: result };
    } catch (error) {
      outcome = { kind: 'error', error };
    } finally {
      timer.cancel();
    }
    if (outcome.kind === 'value' && outcome.value) return outcome.value as NonNullable<T>;
    if (outcome.kind !== 'running') lastSettled = outcome;

    const left = deadline - performance.now();
    if (left <= 0) {
      const elapsed = (performance.now() - started).toFixed(0);
      throw new WaitUntilTimeoutError(
        `timed out after ${elapsed} ms (${attempts} attempts) waiting until ${description}: ` +
          describeOutcome(outcome, lastSettled),
        attempts,
        lastSettled?.kind === 'error' ? { cause: lastSettled.error } : undefined,
      );
    }
    await sleep(Math.min(intervalMs, left));
  }
};
