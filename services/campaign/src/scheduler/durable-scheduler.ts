import type { Pool, PoolClient } from 'pg';
import type { Clock } from '@elan/domain-kernel';
import { inTransaction } from '@elan/event-store';
import { isScheduledKind, type ScheduledCommand, type ScheduledKind } from './scheduled-commands';

/** Runs one due command inside the scheduler's transaction; its writes commit with "done". */
export type ScheduledHandler = (command: ScheduledCommand, client: PoolClient) => Promise<void>;

export interface DurableSchedulerOptions {
  readonly pool: Pool;
  readonly schema: string;
  readonly clock: Clock;
  /** A handler per kind; a service passes them all (tests may pass the kinds they schedule). */
  readonly handlers: Readonly<Partial<Record<ScheduledKind, ScheduledHandler>>>;
  /** Longest sleep between looks at the table (a command scheduled by another replica). */
  readonly maxIdleMs?: number;
  readonly batchSize?: number;
  readonly onError?: (error: unknown, command: ScheduledCommand) => void;
}

const RETRY_BACKOFF_MS = [1_000, 5_000, 30_000, 120_000];

/**
 * Runs commands at their time, durably: they live in a table, so a restart finds a deadline that
 * passed while the service was down and runs it at once; `FOR UPDATE SKIP LOCKED` lets several
 * replicas share the work with each command run by one of them; the handler's effects and the
 * "done" mark commit together. It sleeps until the next due time (at most `maxIdleMs`), so a
 * command runs well within a second of its time.
 */
export class DurableScheduler {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: DurableSchedulerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Look again now: something was scheduled in this process. */
  nudge(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    const maxIdleMs = this.options.maxIdleMs ?? 500;
    while (this.running) {
      let ran = 0;
      try {
        ran = await this.runDue();
      } catch {
        // The database is unreachable: try again after the idle pause.
      }
      if (!this.running) break;
      if (ran > 0) continue;
      const next = await this.nextDueIn().catch(() => maxIdleMs);
      await this.pause(Math.max(0, Math.min(next, maxIdleMs)));
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async nextDueIn(): Promise<number> {
    const { schema, pool, clock } = this.options;
    const result = await pool.query<{ due_at: Date | null }>(
      `SELECT min(due_at) AS due_at FROM ${schema}.scheduled_commands WHERE status = 'pending'`,
    );
    const dueAt = result.rows[0]?.due_at;
    return dueAt ? dueAt.getTime() - clock.now().getTime() : Number.POSITIVE_INFINITY;
  }

  /** Runs the commands due now, each in its own transaction; returns how many ran. */
  private async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const outcome = await this.runOne();
      if (outcome === 'none') return ran;
      ran++;
      if (ran >= (this.options.batchSize ?? 50)) return ran;
    }
  }

  private runOne(): Promise<'ran' | 'none'> {
    const { pool, schema, clock, handlers } = this.options;
    return inTransaction(pool, async (client) => {
      const due = await client.query<{ id: string; kind: string; subject_id: string; due_at: Date; attempts: number }>(
        `SELECT id, kind, subject_id, due_at, attempts FROM ${schema}.scheduled_commands
         WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [clock.now()],
      );
      const row = due.rows[0];
      if (!row) return 'none';
      const { kind } = row;
      if (!isScheduledKind(kind)) throw new Error(`unknown scheduled command kind "${kind}"`);
      const handler = handlers[kind];
      if (!handler) throw new Error(`no handler for scheduled command kind "${kind}"`);
      const command: ScheduledCommand = {
        id: row.id,
        kind,
        subjectId: row.subject_id,
        dueAt: row.due_at,
        attempts: row.attempts,
      };
      await client.query('SAVEPOINT run');
      try {
        await handler(command, client);
        await client.query(`UPDATE ${schema}.scheduled_commands SET status = 'done', done_at = $2 WHERE id = $1`, [
          command.id,
          clock.now(),
        ]);
      } catch (error) {
        // The command failed: keep it, later, with the reason — never lose a deadline.
        await client.query('ROLLBACK TO SAVEPOINT run');
        this.options.onError?.(error, command);
        const backoff = RETRY_BACKOFF_MS[Math.min(command.attempts, RETRY_BACKOFF_MS.length - 1)] ?? 120_000;
        await client.query(
          `UPDATE ${schema}.scheduled_commands SET attempts = attempts + 1, last_error = $2, due_at = $3 WHERE id = $1`,
          [command.id, String(error).slice(0, 1_000), new Date(clock.now().getTime() + backoff)],
        );
      }
      return 'ran';
    });
  }
}
