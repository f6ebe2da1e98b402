/**
 * Deadline-bound polling: the infrastructure bootstrap waits for servers to answer by probing
 * them until a deadline, never by sleeping a fixed time. Kept here rather than in the Jest
 * helpers because `scripts/start.ts` runs this code without Jest.
 */
export interface PollOptions {
  /** Give up after this many milliseconds. */
  readonly timeoutMs: number;
  /** Pause between probes. */
  readonly intervalMs?: number;
  /** Stop early, failing, when this returns a reason (e.g. the spawned process exited). */
  readonly abandonWhen?: () => string | undefined;
}

/** Calls `probe` until it returns a value other than `undefined`, and returns that value. */
export async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const intervalMs = options.intervalMs ?? 50;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    const abandoned = options.abandonWhen?.();
    if (abandoned !== undefined) throw new Error(`${what}: ${abandoned}`);
    if (Date.now() >= deadline) throw new Error(`${what}: still not true after ${options.timeoutMs} ms`);
    await pause(intervalMs);
  }
}

/** Resolves after `ms`; only for spacing out probes inside `pollUntil`. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects with `message` when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
