import { waitUntil } from '@elan/testing';
import { PeriodicRounds } from './periodic-rounds';

describe('periodic rounds', () => {
  it('runs rounds one after the other, carries on after a failure, and lets the round in flight end on stop', async () => {
    const errors: unknown[] = [];
    let rounds = 0;
    let inFlight = 0;
    let overlapped = false;
    let finishLast: (() => void) | undefined;
    const periodic = new PeriodicRounds(
      async () => {
        rounds++;
        inFlight++;
        overlapped ||= inFlight > 1;
        if (rounds === 2) {
          inFlight--;
          throw new Error('round 2 failed');
        }
        if (rounds === 4) await new Promise<void>((resolve) => (finishLast = resolve));
        inFlight--;
      },
      { intervalMs: 1, onError: (error) => errors.push(error) },
    );

    periodic.start();
    await waitUntil(async () => finishLast !== undefined || undefined, { timeoutMs: 5_000, description: 'round 4 runs' });
    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finishLast?.();
    await stopping;

    expect(rounds).toBe(4);
    expect(overlapped).toBe(false);
    expect(errors.map((error) => (error as Error).message)).toEqual(['round 2 failed']);
  });
});
