import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import type { PostgresEventStore, Subscription } from '@elan/event-store';
import { CAMPAIGN_READ_MODELS, campaignReadModelsProjection } from './campaign-read-models.projection';
import { ensureReadModelTables, schemaOf } from './read-model.data-source';
import { READ_MODEL_TABLES } from './read-model.migrations';

/**
 * Empties every read-model table and moves the projection's checkpoint back to the start of
 * the log, in one transaction. The checkpoint row is locked first: a batch in flight holds it,
 * so the reset waits for that batch to commit and nothing it wrote survives; after the reset,
 * the projection (wherever it runs) starts over from the first event.
 */
export const resetReadModels = async (dataSource: DataSource): Promise<void> => {
  const s = schemaOf(dataSource);
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await runner.query(
      `INSERT INTO ${s}.checkpoints (subscription, transaction_id, global_position) VALUES ($1, '0', 0)
       ON CONFLICT (subscription) DO UPDATE SET transaction_id = '0', global_position = 0, updated_at = now()`,
      [CAMPAIGN_READ_MODELS],
    );
    await runner.query(`TRUNCATE ${READ_MODEL_TABLES.map((table) => `${s}.${table}`).join(', ')}`);
    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
};

/**
 * Whether the projection has applied every committed event of the log. Compared in the log's
 * own order, `(transaction_id, global_position)`, not by global position alone (ADR 0002).
 */
export const readModelsCaughtUp = async (dataSource: DataSource): Promise<boolean> => {
  const s = schemaOf(dataSource);
  const rows: unknown = await dataSource.query(
    `SELECT NOT EXISTS (
       SELECT 1 FROM ${s}.events AS e
       WHERE (e.transaction_id, e.global_position) >
             (SELECT c.transaction_id, c.global_position FROM ${s}.checkpoints AS c WHERE c.subscription = $1)
     ) AND EXISTS (SELECT 1 FROM ${s}.checkpoints WHERE subscription = $1) AS caught_up`,
    [CAMPAIGN_READ_MODELS],
  );
  return Array.isArray(rows) && (rows[0] as { caught_up?: unknown } | undefined)?.caught_up === true;
};

export interface RebuildOptions {
  readonly store: PostgresEventStore;
  readonly dataSource: DataSource;
  /** The projection already running in this process, if any: it is waited for instead of a new one. */
  readonly projection?: Subscription;
  /** How long the catch-up may take (default 10 minutes). */
  readonly timeoutMs?: number;
  /** How often progress is checked (default 100 ms). */
  readonly pollMs?: number;
}

export interface RebuildReport {
  /** Campaigns in the read models once caught up. */
  readonly campaigns: number;
  readonly tookMs: number;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Rebuilds the read models from the event log: reset (see `resetReadModels`), then the
 * projection replays the log from its first event, and this resolves once it has caught up.
 * Until then the catalog shows only what has been replayed so far.
 */
export const rebuildReadModels = async (options: RebuildOptions): Promise<RebuildReport> => {
  const { store, dataSource, timeoutMs = 10 * 60_000, pollMs = 100 } = options;
  const started = performance.now();
  await ensureReadModelTables(dataSource);
  await resetReadModels(dataSource);
  let lastError: unknown;
  const own = options.projection
    ? undefined
    : campaignReadModelsProjection(store, dataSource, { onError: (error) => (lastError = error) });
  await own?.start();
  try {
    while (!(await readModelsCaughtUp(dataSource))) {
      if (performance.now() - started > timeoutMs)
        throw new Error(`the campaign read models did not catch up within ${timeoutMs} ms`, { cause: lastError });
      await pause(pollMs);
    }
  } finally {
    await own?.stop();
  }
  const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM ${schemaOf(dataSource)}.read_campaigns`)) as Array<{
    n: number;
  }>;
  return { campaigns: row?.n ?? 0, tookMs: Math.round(performance.now() - started) };
};
