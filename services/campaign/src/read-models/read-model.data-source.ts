import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { assertSchemaName, runMigrations } from '@elan/event-store';
import { CampaignUpdateView } from './campaign-update-view.entity';
import { CampaignView } from './campaign-view.entity';
import type { ReadModelConfig } from './read-model.config';
import { pledgeTotalsMigrations } from '../pledges/pledge-totals';
import { readModelMigrations } from './read-model.migrations';
import { StretchGoalView } from './stretch-goal-view.entity';
import { TierHoldView } from './tier-hold-view.entity';
import { TierView } from './tier-view.entity';

export const READ_MODEL_ENTITIES = [CampaignView, TierView, TierHoldView, StretchGoalView, CampaignUpdateView];

/**
 * A TypeORM data source on the campaign schema. Entities name no schema: TypeORM qualifies their
 * tables with `schema` from these options, so tests can use a random one. Tables come from
 * `readModelMigrations` through the one runner (ADR 0015), never from `synchronize`.
 */
export const createReadModelDataSource = (config: ReadModelConfig): DataSource =>
  new DataSource({
    type: 'postgres',
    url: config.url,
    schema: assertSchemaName(config.schema),
    entities: READ_MODEL_ENTITIES,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: config.poolSize ?? 10,
    applicationName: config.applicationName ?? 'elan-campaign-read-models',
  });

/** Connects and makes sure the read-model tables exist (a no-op once the service ran its list). */
export const openReadModelDataSource = async (config: ReadModelConfig): Promise<DataSource> => {
  const dataSource = createReadModelDataSource(config);
  await dataSource.initialize();
  try {
    await ensureReadModelTables(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
};

/** The schema a read-model data source writes to. */
export const schemaOf = (dataSource: DataSource): string => {
  const schema = (dataSource.options as { readonly schema?: string }).schema;
  if (schema === undefined) throw new Error('the read-model data source names no schema');
  return assertSchemaName(schema);
};

/** The pg pool under a data source: the runner and TypeORM then share connections and limits. */
const poolOf = (dataSource: DataSource): Pool => (dataSource.driver as unknown as { readonly master: Pool }).master;

/**
 * Runs the read models' migrations on the data source's schema, through the one runner, with
 * the pledges' running totals they seed campaign rows from (not a read model: never rebuilt).
 */
export const ensureReadModelTables = (dataSource: DataSource): Promise<void> =>
  runMigrations(poolOf(dataSource), schemaOf(dataSource), [readModelMigrations, pledgeTotalsMigrations]);
