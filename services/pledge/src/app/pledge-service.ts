import { Logger } from '@nestjs/common';
import { MONEY_LOGS } from '@elan/contracts';
import { systemClock, type Clock } from '@elan/domain-kernel';
import { PostgresEventStore } from '@elan/event-store';
import type { PaymentProvider } from '@elan/payments';
import { startService, type RunningService, type ServiceOptions } from '@elan/service-kit';
import { composeServiceMoneyLog, type MoneyLog } from '@elan/transparency';
import type { CampaignTerms } from '../application/campaign-terms';
import type { PledgeConfig } from './pledge.config';
import { composePledge, type PledgeComposition } from './pledge.composition';
import { migratePledgeSchema } from './pledge.migrations';
import { PledgeServiceModule } from './pledge-service.module';

export { pledgeConfigFromEnv, type PledgeConfig } from './pledge.config';

export interface PledgeServiceOptions extends ServiceOptions {
  readonly clock?: Clock;
  readonly payments?: PaymentProvider;
  readonly campaigns?: CampaignTerms;
}

/** The composition, and the signed checkpoints of the pledge streams (ADR 0025). */
export type PledgeServiceParts = PledgeComposition & { readonly transparency: MoneyLog };

const logger = new Logger('PledgeService');

/**
 * Starts the pledge service through the service kit: its tables, its event store, the request
 * handlers in the `pledge` queue group (placing, reading and cancelling pledges), its health,
 * then its workers (outbox relay, the Stripe and campaign consumers, payment effects, sweeper,
 * the checkpoint issuer).
 */
export function startPledgeService(
  config: PledgeConfig,
  options: PledgeServiceOptions = {},
): Promise<RunningService<PledgeServiceParts>> {
  const { clock = systemClock, payments, campaigns, ...serviceOptions } = options;
  return startService(
    {
      name: 'pledge',
      config,
      migrations: migratePledgeSchema,
      compose: async (infrastructure) => {
        const store = await PostgresEventStore.open(infrastructure.pool, { schema: config.schema });
        infrastructure.stack.push('the event store listener', () => store.close());
        const composition = composePledge(infrastructure, {
          store,
          clock,
          ...(payments && { payments }),
          ...(campaigns && { campaigns }),
        });
        const transparency = await composeServiceMoneyLog({
          pool: infrastructure.pool,
          schema: config.schema,
          ...MONEY_LOGS.pledge,
          config: config.transparency,
          logger,
        });
        return { ...composition, transparency, workers: [...composition.workers, transparency.worker] };
      },
      module: (composition) => PledgeServiceModule.forRoot(composition),
      workers: (composition) => composition.workers,
    },
    serviceOptions,
  );
}
