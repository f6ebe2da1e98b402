import {
  serviceConfigFromEnv,
  startService,
  type RunningService,
  type ServiceConfig,
  type ServiceOptions,
} from '@elan/service-kit';
import { PledgeServiceModule } from './pledge-service.module';

/** The pledge service's configuration: the kit's common part (PLEDGE_SCHEMA, PLEDGE_POOL_SIZE…), nothing of its own yet. */
export type PledgeConfig = ServiceConfig;

export function pledgeConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): PledgeConfig {
  const { own: _none, ...config } = serviceConfigFromEnv('pledge', env, {});
  return config;
}

/**
 * Starts the pledge service through the service kit: connections, streams, its (empty) request
 * handlers in the `pledge` queue group and its health. Its tables (`migrations`), parts
 * (`compose`) and background work (`workers`: outbox relay, durable consumers, scheduler)
 * arrive with its first feature.
 */
export function startPledgeService(config: PledgeConfig, options: ServiceOptions = {}): Promise<RunningService<object>> {
  return startService({ name: 'pledge', config, compose: () => ({}), module: () => PledgeServiceModule.forRoot() }, options);
}
