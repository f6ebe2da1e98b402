import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { fixedClock, type Clock } from '@elan/domain-kernel';
import { PostgresEventStore, type Subscription } from '@elan/event-store';
import { openTestStore, testDatabaseUrl, waitUntil } from '@elan/testing';
import { CampaignCatalog } from '../campaign-catalog.queries';
import { campaignReadModelsProjection, type CampaignReadModelsOptions } from '../campaign-read-models.projection';
import { openReadModelDataSource } from '../read-model.data-source';
import { READ_MODEL_TABLES } from '../read-model.migrations';
import { readModelsCaughtUp } from '../rebuild-read-models';

type Appendable = { readonly type: string; readonly data: unknown };

/**
 * A real event store and read models in a schema no other test uses, on the run's database.
 * Events are appended for real; the projection runs as in production.
 */
export interface ReadModelTestbed {
  readonly pool: Pool;
  readonly store: PostgresEventStore;
  readonly dataSource: DataSource;
  readonly schema: string;
  catalog(clock?: Clock): CampaignCatalog;
  /** Appends to a stream, whatever its version, in one transaction. */
  append(streamId: string, events: readonly Appendable[]): Promise<void>;
  /** Starts the projection; it is stopped by `dispose` if the test does not. */
  startProjection(options?: CampaignReadModelsOptions): Promise<Subscription>;
  /** Until the projection has applied every committed event. */
  caughtUp(): Promise<void>;
  /** Every row of every read-model table, in primary-key order. */
  dump(): Promise<Record<string, unknown[]>>;
  dispose(): Promise<void>;
}

export const openReadModelTestbed = async (): Promise<ReadModelTestbed> => {
  const database = await openTestStore((pool, schema) => PostgresEventStore.open(pool, { schema }), {
    prefix: 'campaign_rm',
    poolSize: 4,
  });
  const { pool, store, schema } = database;
  const dataSource = await openReadModelDataSource({ url: testDatabaseUrl(), schema, poolSize: 4 });
  database.onDispose(() => dataSource.destroy());
  const projections: Subscription[] = [];
  return {
    pool,
    store,
    dataSource,
    schema,
    catalog: (clock = fixedClock(new Date('2025-03-20T09:00:00.000Z'))) => new CampaignCatalog(dataSource, clock),
    async append(streamId, events) {
      await store.append(
        streamId,
        events.map(({ type, data }) => ({ type, data })),
        'any',
      );
    },
    async startProjection(options = {}) {
      const projection = campaignReadModelsProjection(store, dataSource, { pollIntervalMs: 50, ...options });
      projections.push(projection);
      await projection.start();
      return projection;
    },
    async caughtUp() {
      await waitUntil(() => readModelsCaughtUp(dataSource), {
        timeoutMs: 20_000,
        description: 'the read models caught up with the log',
      });
    },
    async dump() {
      const tables: Record<string, unknown[]> = {};
      for (const table of READ_MODEL_TABLES)
        tables[table] = (await pool.query(`SELECT * FROM ${schema}.${table} ORDER BY 1, 2`)).rows;
      return tables;
    },
    async dispose() {
      await Promise.all(projections.map((projection) => projection.stop()));
      await database.dispose();
    },
  };
};
