import {
  serviceConfigFromEnv,
  startService,
  type RunningService,
  type ServiceConfig,
  type ServiceOptions,
} from '@elan/service-kit';
import { TippingServiceModule } from './tipping-service.module';

/** The tipping service's configuration: the kit's common part (TIPPING_SCHEMA, TIPPING_POOL_SIZE…), nothing of its own yet. */
export type TippingConfig = ServiceConfig;

export function tippingConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): TippingConfig {
  const { own: _none, ...config } = serviceConfigFromEnv('tipping', env, {});
  return config;
}

/**
 * Starts the tipping service through the service kit: connections, streams, its (empty) request
 * handlers in the `tipping` queue group and its health. Its tables (`migrations`), parts
 * (`compose`) and background work (`workers`: outbox relay, durable consumers, scheduler)
 * arrive with its first feature.
 */
export function startTippingService(config: TippingConfig, options: ServiceOptions = {}): Promise<RunningService<object>> {
  return startService({ name: 'tipping', config, compose: () => ({}), module: () => TippingServiceModule.forRoot() }, options);
}
