import { performance } from 'node:perf_hooks';
import { waitUntil, WaitUntilTimeoutError } from './wait-until';

/** A condition that holds from its `calls`-th attempt on, returning `value`. */
const holdsFromAttempt = <T>(calls: number, value: T): { condition: () => T | undefined; attempts: () => number } => {
  let attempts = 0;
  return {
    condition: () => {
      attempts += 1;
      return attempts >= calls ? value : undefined;
    },
    attempts: () => attempts,
  };
};

const rejection = async (promise: Promise<unknown>): Promise<WaitUntilTimeoutError> => {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof WaitUntilTimeoutError)) throw new Error(`expected a WaitUntilTimeoutError, got ${String(error)}`);
  return error;
};

describe('waitUntil', () => {
  it('resolves at once when the condition already holds', async () => {
    await expect(waitUntil(() => 'ready', { timeoutMs: 1_000 })).resolves.toBe('ready');
  });

  it('polls until the condition holds, and resolves with its value', async () => {
    const probe = holdsFromAttempt(3, { id: 42 });
    await expect(waitUntil(probe.condition, { timeoutMs: 5_000, intervalMs: 1 })).resolves.toEqual({ id: 42 });
    expect(probe.attempts()).toBe(3);
  });

  it('awaits asynchronous conditions', async () => {
    const probe = holdsFromAttempt(2, 'row');
    await expect(waitUntil(async () => probe.condition(), { timeoutMs: 5_000, intervalMs: 1 })).resolves.toBe('row');
  });

  it('takes a throwing condition as not holding yet', async () => {
    let attempts = 0;
    const condition = (): boolean => {
      attempts += 1;
      if (attempts < 3) throw new Error('not there yet');
      expect(attempts).toBe(3);
      return true;
    };
    await expect(waitUntil(condition, { timeoutMs: 5_000, intervalMs: 1 })).resolves.toBe(true);
  });

  it('takes falsy values as not holding yet', async () => {
    const values = [0, '', false, null, undefined, 'done'];
    await expect(waitUntil(() => values.shift(), { timeoutMs: 5_000, intervalMs: 1 })).resolves.toBe('done');
  });

  it('resolves when something else makes the condition hold', async () => {
    let published = false;
    const waiting = waitUntil(() => published, { timeoutMs: 5_000, intervalMs: 1 });
    setImmediate(() => {
      published = true;
    });
    await expect(waiting).resolves.toBe(true);
  });

  it('rejects after the deadline, naming what it waited for and the last value', async () => {
    const started = performance.now();
    const error = await rejection(
      waitUntil(() => false, {
        timeoutMs: 50,
        intervalMs: 10,
        description: 'the pledge is collected',
      }),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    expect(error.message).toMatch(/^timed out after \d+ ms \(\d+ attempts\) waiting until the pledge is collected/);
    expect(error.message).toContain('the last attempt returned false');
    expect(error.attempts).toBeGreaterThanOrEqual(2);
  });

  it('reports the last error, as the message and the cause', async () => {
    const cause = new Error('relation "pledges" does not exist');
    const error = await rejection(
      waitUntil(
        () => {
          throw cause;
        },
        { timeoutMs: 20, intervalMs: 5 },
      ),
    );
    expect(error.message).toContain('waiting until the condition holds');
    expect(error.message).toContain('the last attempt threw Error: relation "pledges" does not exist');
    expect(error.cause).toBe(cause);
  });

  it('rejects at the deadline even when an attempt never settles', async () => {
    const started = performance.now();
    const error = await rejection(
      waitUntil(() => new Promise<boolean>(() => undefined), { timeoutMs: 30, description: 'a hung probe' }),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(30);
    expect(error.message).toContain('waiting until a hung probe: the only attempt was still running');
    expect(error.attempts).toBe(1);
  });

  it('reports the last settled attempt when the last one hangs', async () => {
    let attempts = 0;
    const condition = (): boolean | Promise<boolean> => {
      attempts += 1;
      return attempts === 1 ? false : new Promise<boolean>(() => undefined);
    };
    const error = await rejection(waitUntil(condition, { timeoutMs: 30, intervalMs: 1 }));
    expect(error.message).toContain('the last attempt was still running; the one before returned false');
  });

  it('tries once more at the deadline', async () => {
    const probe = holdsFromAttempt(2, 'late');
    await expect(waitUntil(probe.condition, { timeoutMs: 20, intervalMs: 60_000 })).resolves.toBe('late');
  });

  it.each([
    [{ timeoutMs: -1 }],
    [{ timeoutMs: Infinity }],
    [{ timeoutMs: 10, intervalMs: 0 }],
    [{ timeoutMs: 10, intervalMs: NaN }],
  ])('rejects the options %p', async (options) => {
    await expect(waitUntil(() => true, options)).rejects.toThrow(RangeError);
  });
});
