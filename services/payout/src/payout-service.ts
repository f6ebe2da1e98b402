import { Logger } from '@nestjs/common';
import { MONEY_LOGS } from '@elan/contracts';
import { PostgresEventStore } from '@elan/event-store';
import { reasonOf } from '@elan/messaging';
import { startService, type RunningService, type ServiceOptions } from '@elan/service-kit';
import { composeServiceMoneyLog } from '@elan/transparency';
import { composePayout, type PayoutCompositionOptions } from './app/payout.composition';
import type { PayoutConfig } from './app/payout.config';
import { migratePayoutSchema } from './app/payout.migrations';
import { PayoutServiceModule, type PayoutServiceParts } from './payout-service.module';
import { payoutCheckpointTrigger } from './transparency/payout-checkpoints';
import { PublicLedgerQueries } from './transparency/public-ledger.queries';

export { payoutConfigFromEnv, type PayoutConfig } from './app/payout.config';

export type PayoutServiceOptions = ServiceOptions & PayoutCompositionOptions;
export type { PayoutServiceParts } from './payout-service.module';

const logger = new Logger('PayoutService');

/**
 * Starts the payout service through the service kit: connections, its migrations (payout log,
 * inbox), streams, its request handlers in the `payout` queue group, its health, then its workers
 * (the outbox relay, the `payout-stripe` consumer, the checkpoint issuer and its trigger on each
 * payout). `main.ts`, `npm start` and the tests all go
 * through here.
 */
export function startPayoutService(
  config: PayoutConfig,
  options: PayoutServiceOptions = {},
): Promise<RunningService<PayoutServiceParts>> {
  const { clock, payments, ...serviceOptions } = options;
  return startService(
    {
      name: 'payout',
      config,
      migrations: migratePayoutSchema,
      compose: async (infrastructure) => {
        const store = await PostgresEventStore.open(infrastructure.pool, { schema: config.schema });
        infrastructure.stack.push('the event store listener', () => store.close());
        const parts = composePayout(infrastructure, store, { ...(clock && { clock }), ...(payments && { payments }) });
        // The signed checkpoints of the payout ledgers and statements (ADR 0025): hourly, and on each payout.
        const transparency = await composeServiceMoneyLog({
          pool: infrastructure.pool,
          schema: config.schema,
          ...MONEY_LOGS.payout,
          config: config.transparency,
          logger,
        });
        const onPayout = payoutCheckpointTrigger(store, transparency.issuer, (error) =>
          logger.error(`the checkpoint after a payout failed and will be retried: ${reasonOf(error)}`),
        );
        return {
          ...parts,
          transparency,
          publicLedger: new PublicLedgerQueries(store),
          workers: [...parts.workers, transparency.worker, onPayout],
        };
      },
      module: (parts) => PayoutServiceModule.forRoot(parts),
      workers: (parts) => parts.workers,
    },
    serviceOptions,
  );
}
