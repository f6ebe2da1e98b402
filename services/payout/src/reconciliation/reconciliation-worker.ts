import { PeriodicRounds } from '@elan/service-kit';
import type { Reconciliation } from './reconciliation-job';

/**
 * Runs the reconciliation every `intervalMs` (RECONCILIATION_INTERVAL_MS), on every replica; the
 * advisory lock lets one of them run at a time, the others skip their round.
 */
export class ReconciliationWorker {
  private readonly rounds: PeriodicRounds;

  constructor(
    reconciliation: Reconciliation,
    options: { readonly intervalMs: number; readonly onError: (error: unknown) => void },
  ) {
    this.rounds = new PeriodicRounds(async () => {
      await reconciliation.runUnlessRunning();
    }, options);
  }

  async start(): Promise<void> {
    this.rounds.start();
  }

  stop(): Promise<void> {
    return this.rounds.stop();
  }
}
