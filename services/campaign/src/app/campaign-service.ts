import type { LoggerService, LogLevel, NestInterceptor } from '@nestjs/common';
import { systemClock, type Clock } from '@elan/domain-kernel';
import { PostgresEventStore } from '@elan/event-store';
import { DEFAULT_POOL_SIZE, startService } from '@elan/service-kit';
import { openReadModelDataSource } from '../read-models';
import type { CampaignConfig } from './campaign.config';
import { migrateCampaignSchema } from './campaign.migrations';
import { composeCampaign } from './campaign.composition';
import { CampaignServiceModule } from './campaign-service.module';

export interface CampaignServiceOptions {
  /** Nest's logger setting. Default: log, warn and error. */
  readonly logger?: LoggerService | LogLevel[] | false;
  /** The service's clock; the system's unless given. */
  readonly clock?: Clock;
  /** Interceptors around every request handler: for metrics, or a test counting which replica answered. */
  readonly interceptors?: readonly NestInterceptor[];
}

/** A running campaign service: it answers requests until `close()`. */
export interface CampaignService {
  /** Stops everything in the reverse order of its start; rejects if a part failed to stop. */
  close(): Promise<void>;
}

/**
 * Starts the campaign service through the service kit (`startService`: connections, migrations,
 * streams, request handlers in the `campaign` queue group, health, workers, and the reverse
 * order on `close()`); its own parts are the event store, the read models' data source and the
 * composition. `main.ts`, `npm start` and the tests all go through here.
 */
export async function createCampaignService(
  config: CampaignConfig,
  options: CampaignServiceOptions = {},
): Promise<CampaignService> {
  const { logger, interceptors, clock = systemClock } = options;
  return startService(
    {
      name: 'campaign',
      config,
      migrations: migrateCampaignSchema,
      compose: async (infrastructure) => {
        const { pool, stack } = infrastructure;
        const store = await PostgresEventStore.open(pool, { schema: config.schema });
        stack.push('the event store listener', () => store.close());
        const dataSource = await openReadModelDataSource({
          url: config.databaseUrl,
          schema: config.schema,
          poolSize: config.poolSize ?? DEFAULT_POOL_SIZE,
          applicationName: 'elan-campaign-read-models',
        });
        stack.push('the read-model data source', () => dataSource.destroy());
        return composeCampaign(infrastructure, { store, dataSource, clock });
      },
      module: (composition) => CampaignServiceModule.forRoot(composition),
      workers: (composition) => composition.workers,
    },
    { ...(logger !== undefined && { logger }), ...(interceptors && { interceptors }) },
  );
}
