import { systemClock, type Clock } from '@elan/domain-kernel';
import { PostgresEventStore } from '@elan/event-store';
import type { PaymentProvider } from '@elan/payments';
import { startService, type RunningService, type ServiceOptions } from '@elan/service-kit';
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

/**
 * Starts the pledge service through the service kit: its tables, its event store, the request
 * handlers in the `pledge` queue group (placing, reading and cancelling pledges), its health,
 * then its workers (outbox relay, the Stripe and campaign consumers, payment effects, sweeper).
 */
export function startPledgeService(
  config: PledgeConfig,
  options: PledgeServiceOptions = {},
): Promise<RunningService<PledgeComposition>> {
  const { clock = systemClock, payments, campaigns, ...serviceOptions } = options;
  return startService(
    {
      name: 'pledge',
      config,
      migrations: migratePledgeSchema,
      compose: async (infrastructure) => {
        const store = await PostgresEventStore.open(infrastructure.pool, { schema: config.schema });
        infrastructure.stack.push('the event store listener', () => store.close());
        return composePledge(infrastructure, {
          store,
          clock,
          ...(payments && { payments }),
          ...(campaigns && { campaigns }),
        });
      },
      module: (composition) => PledgeServiceModule.forRoot(composition),
      workers: (composition) => composition.workers,
    },
    serviceOptions,
  );
}
