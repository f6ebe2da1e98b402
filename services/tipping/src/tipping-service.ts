import { Logger } from '@nestjs/common';
import { MONEY_LOGS } from '@elan/contracts';
import { PostgresEventStore } from '@elan/event-store';
import { startService, type RunningService, type ServiceOptions } from '@elan/service-kit';
import { composeServiceMoneyLog, type MoneyLog } from '@elan/transparency';
import { composeTipping, type TippingCompositionOptions } from './app/tipping.composition';
import { migrateTippingSchema } from './app/tipping.migrations';
import { TippingServiceModule, type TippingParts } from './tipping-service.module';
import type { TippingConfig } from './tipping.config';

export { tippingConfigFromEnv, type TippingConfig } from './tipping.config';

export type TippingServiceOptions = ServiceOptions & TippingCompositionOptions;

/** The composition, and the signed checkpoints of the tip streams (ADR 0025). */
export type TippingServiceParts = TippingParts & { readonly transparency: MoneyLog };

const logger = new Logger('TippingService');

/**
 * Starts the tipping service through the service kit: connections, its migrations (tip log,
 * inbox, ledger, refunds owed), streams, its request handlers in the `tipping` queue group, its
 * health, then its workers (the `tipping-pledges` consumer, the ledger and refunds-owed
 * projections, the refund worker, the checkpoint issuer). `main.ts`, `npm start` and the tests all go through here.
 */
export function startTippingService(
  config: TippingConfig,
  options: TippingServiceOptions = {},
): Promise<RunningService<TippingServiceParts>> {
  const { clock, refundRetryAfterMs, ...serviceOptions } = options;
  return startService(
    {
      name: 'tipping',
      config,
      migrations: migrateTippingSchema,
      compose: async (infrastructure) => {
        const store = await PostgresEventStore.open(infrastructure.pool, { schema: config.schema });
        infrastructure.stack.push('the event store listener', () => store.close());
        const parts = composeTipping(infrastructure, store, {
          ...(clock && { clock }),
          ...(refundRetryAfterMs && { refundRetryAfterMs }),
        });
        const transparency = await composeServiceMoneyLog({
          pool: infrastructure.pool,
          schema: config.schema,
          ...MONEY_LOGS.tipping,
          config: config.transparency,
          logger,
        });
        return { ...parts, transparency, workers: [...parts.workers, transparency.worker] };
      },
      module: (parts) => TippingServiceModule.forRoot(parts),
      workers: (parts) => parts.workers,
    },
    serviceOptions,
  );
}
