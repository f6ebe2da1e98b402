import { PeriodicRounds } from '@elan/service-kit';
import type { PayoutStatements } from '../app/payout-statements';

/**
 * The statements' clock-driven work, read from the payout tables rather than from timers, so a
 * restart resumes it: statements that fall due are drawn (an all-or-nothing campaign's collection
 * closed, a keep-it-all schedule reached), and statements waiting for their next step are taken
 * up — fees, account check, transfer — each in a transaction holding its row (`SKIP LOCKED`), so
 * replicas share the work and each step is done once. Advances no statement can recover any
 * more are taken back by transfer reversals (ADR 0027).
 */
export class StatementWorker {
  private readonly rounds: PeriodicRounds;
  private running = false;

  constructor(
    private readonly statements: PayoutStatements,
    private readonly options: { readonly intervalMs: number; readonly onError: (error: unknown) => void },
  ) {
    this.rounds = new PeriodicRounds(() => this.pass(), options);
  }

  async start(): Promise<void> {
    this.running = true;
    this.rounds.start();
  }

  stop(): Promise<void> {
    this.running = false;
    return this.rounds.stop();
  }

  /** One pass over what is due; exposed for tests that drive it themselves. */
  async pass(): Promise<void> {
    while ((await this.statements.drawDue()) > 0 && this.running);
    for (const statementId of await this.statements.dueStatements()) {
      try {
        // Up to a handful of steps in a row: fees, account, request, transfer.
        for (let steps = 0; steps < 8 && (await this.statements.step(statementId)); steps++);
      } catch (error) {
        this.options.onError(error);
      }
    }
    await this.statements.recoverDueAdvances();
  }
}
