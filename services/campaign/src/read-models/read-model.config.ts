import { assertSchemaName } from '@elan/event-store';

/** Where the campaign read models live: the campaign service's database and schema. */
export interface ReadModelConfig {
  /** A PostgreSQL URL (`DATABASE_URL`). */
  readonly url: string;
  /**
   * The campaign service's schema (`CAMPAIGN_SCHEMA`, default `campaign`). The read models sit
   * next to the event log they are folded from, because the projection's checkpoint (in the
   * event store's `checkpoints` table) must commit in the same transaction as their rows.
   */
  readonly schema: string;
  /** Connections TypeORM may hold (default 10). */
  readonly poolSize?: number;
  /** How the connections present themselves in `pg_stat_activity`. */
  readonly applicationName?: string;
}

export const DEFAULT_CAMPAIGN_SCHEMA = 'campaign';
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/elan';

/** The configuration `npm start` and the rebuild script use: `DATABASE_URL`, `CAMPAIGN_SCHEMA`. */
export const readModelConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): ReadModelConfig => ({
  url: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
  schema: assertSchemaName(env.CAMPAIGN_SCHEMA ?? DEFAULT_CAMPAIGN_SCHEMA),
});
