import type { PoolClient } from 'pg';
import { LOG_START, logPositionOf, type LogPosition, type RecordedEvent } from './event';
import type { PostgresEventStore } from './postgres-event-store';

/**
 * Handles a batch of events inside the subscription's transaction. Whatever it writes with
 * `client` commits together with the new checkpoint, or not at all: effects happen exactly once.
 */
export type BatchHandler = (events: readonly RecordedEvent[], client: PoolClient) => Promise<void>;

export interface SubscriptionOptions {
  /** Stable name: the checkpoint's key. */
  readonly name: string;
  readonly handle: BatchHandler;
  readonly batchSize?: number;
  /** Fallback when no notification arrives (a commit by another client, a lost NOTIFY). */
  readonly pollIntervalMs?: number;
  /** Called when a batch fails; the batch is retried after a back-off, never skipped. */
  readonly onError?: (error: unknown) => void;
  /**
   * Lends the connection a batch runs on (default: one from the store's pool). An ORM that
   * holds its own connections (TypeORM's QueryRunner) lends one of them, so its writes and the
   * checkpoint share the transaction.
   */
  readonly withConnection?: <T>(work: (client: PoolClient) => Promise<T>) => Promise<T>;
}

/**
 * A catch-up subscription on the store's global log. Replicas may run the same subscription:
 * the checkpoint row is locked for the length of a batch, so one processes while the others
 * skip and wait.
 */
export class Subscription {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private woken = false;
  private unlisten: (() => void) | undefined;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly store: PostgresEventStore,
    private readonly options: SubscriptionOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.store.pool.query(
      `INSERT INTO ${this.store.schema}.checkpoints (subscription, transaction_id, global_position)
       VALUES ($1, '0', 0) ON CONFLICT (subscription) DO NOTHING`,
      [this.options.name],
    );
    this.running = true;
    this.unlisten = await this.store.notifier.listen(() => this.signal());
    this.loop = this.run();
  }

  /** Stops after the batch in progress, if any, has committed or rolled back. */
  async stop(): Promise<void> {
    this.running = false;
    this.unlisten?.();
    this.signal();
    await this.loop;
  }

  /** The committed checkpoint (LOG_START when the subscription never ran). */
  async position(): Promise<LogPosition> {
    const result = await this.store.pool.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id::text AS transaction_id, global_position FROM ${this.store.schema}.checkpoints WHERE subscription = $1`,
      [this.options.name],
    );
    const row = result.rows[0];
    return row ? { transactionId: row.transaction_id, globalPosition: Number(row.global_position) } : LOG_START;
  }

  private signal(): void {
    this.woken = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.woken = false;
      let handled = 0;
      try {
        handled = await this.processBatch();
        failures = 0;
      } catch (error) {
        failures++;
        this.options.onError?.(error);
      }
      if (!this.running) break;
      if (failures > 0) await this.pause(Math.min(100 * 2 ** failures, 5_000), false);
      else if (handled < this.batchSize) await this.pause(this.pollIntervalMs, true);
    }
  }

  /** Waits for a notification (when `wakeable`) or the timeout, whichever comes first. */
  private pause(ms: number, wakeable: boolean): Promise<void> {
    if (wakeable && this.woken) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      if (wakeable) this.wake = done;
      if (!this.running) done();
    });
  }

  private processBatch(): Promise<number> {
    if (this.options.withConnection) return this.options.withConnection((client) => this.processBatchOn(client));
    return this.store.pool.connect().then((client) => this.processBatchOn(client).finally(() => client.release()));
  }

  /**
   * One statement, outside any transaction: is there a committed event past the checkpoint? Most
   * wake-ups and every idle poll find nothing, and the batch's transaction (four round trips)
   * would cost them four times as much. A false "yes" only costs the batch it always did.
   */
  private async hasNewEvents(client: PoolClient): Promise<boolean> {
    const s = this.store.schema;
    const found = await client.query({
      name: `${s}_subscription_has_new`,
      text: `SELECT 1 FROM ${s}.checkpoints c JOIN ${s}.events e
               ON (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)
              AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
             WHERE c.subscription = $1 LIMIT 1`,
      values: [this.options.name],
    });
    return found.rowCount !== 0;
  }

  private async processBatchOn(client: PoolClient): Promise<number> {
    const s = this.store.schema;
    if (!(await this.hasNewEvents(client))) return 0;
    try {
      await client.query('BEGIN');
      const locked = await client.query<{ transaction_id: string; global_position: string }>(
        `SELECT transaction_id::text AS transaction_id, global_position FROM ${s}.checkpoints
         WHERE subscription = $1 FOR UPDATE SKIP LOCKED`,
        [this.options.name],
      );
      const row = locked.rows[0];
      if (!row) {
        // Another replica holds the batch: let it work.
        await client.query('COMMIT');
        return 0;
      }
      const from = { transactionId: row.transaction_id, globalPosition: Number(row.global_position) };
      const events = await this.store.readAll(from, this.batchSize, client);
      const last = events[events.length - 1];
      if (!last) {
        await client.query('COMMIT');
        return 0;
      }
      await this.options.handle(events, client);
      const next = logPositionOf(last);
      await client.query(
        `UPDATE ${s}.checkpoints SET transaction_id = $2::xid8, global_position = $3, updated_at = now() WHERE subscription = $1`,
        [this.options.name, next.transactionId, next.globalPosition],
      );
      await client.query('COMMIT');
      return events.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}
