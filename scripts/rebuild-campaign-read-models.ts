/**
 * `npm run campaign:rebuild-read-models`
 *
 * Rebuilds the campaign read models (catalog, campaign pages, holders' lists) from the campaign
 * service's event log: empties them and resets the projection's checkpoint in one transaction,
 * replays the log, and exits once the read models have caught up. Safe while the service runs:
 * its own projection and this one take turns on the checkpoint, and the catalog shows what has
 * been replayed so far until the end.
 *
 * Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/elan, the database of
 * `npm start` on a local server), CAMPAIGN_SCHEMA (default campaign).
 */
import { Pool } from 'pg';
import { PostgresEventStore } from '@elan/event-store';
import { openReadModelDataSource, readModelConfigFromEnv, rebuildReadModels } from '../services/campaign/src/read-models';

async function main(): Promise<void> {
  const config = { ...readModelConfigFromEnv(), applicationName: 'elan-rebuild-campaign-read-models' };
  const pool = new Pool({
    connectionString: config.url,
    application_name: config.applicationName,
    connectionTimeoutMillis: 5_000,
  });
  const store = await PostgresEventStore.open(pool, { schema: config.schema, notifyOtherProcesses: false });
  try {
    const dataSource = await openReadModelDataSource(config);
    try {
      console.log(`rebuilding the campaign read models in schema ${config.schema}…`);
      const report = await rebuildReadModels({ store, dataSource });
      console.log(`caught up with the log in ${report.tookMs} ms: ${report.campaigns} campaigns`);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await store.close();
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(`rebuild-campaign-read-models: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
