import { PostgresEventStore } from '@elan/event-store';
import { startService, type RunningService, type ServiceOptions } from '@elan/service-kit';
import { composePayout, type PayoutCompositionOptions } from './app/payout.composition';
import type { PayoutConfig } from './app/payout.config';
import { migratePayoutSchema } from './app/payout.migrations';
import { PayoutServiceModule, type PayoutParts } from './payout-service.module';

export { payoutConfigFromEnv, type PayoutConfig } from './app/payout.config';

export type PayoutServiceOptions = ServiceOptions & PayoutCompositionOptions;

/**
 * Starts the payout service through the service kit: connections, its migrations (payout log,
 * inbox), streams, its request handlers in the `payout` queue group, its health, then its workers
 * (the outbox relay, the `payout-stripe` consumer). `main.ts`, `npm start` and the tests all go
 * through here.
 */
export function startPayoutService(
  config: PayoutConfig,
  options: PayoutServiceOptions = {},
): Promise<RunningService<PayoutParts>> {
  const { clock, payments, ...serviceOptions } = options;
  return startService(
    {
      name: 'payout',
      config,
      migrations: migratePayoutSchema,
      compose: async (infrastructure) => {
        const store = await PostgresEventStore.open(infrastructure.pool, { schema: config.schema });
        infrastructure.stack.push('the event store listener', () => store.close());
        return composePayout(infrastructure, store, { ...(clock && { clock }), ...(payments && { payments }) });
      },
      module: (parts) => PayoutServiceModule.forRoot(parts),
      workers: (parts) => parts.workers,
    },
    serviceOptions,
  );
}
