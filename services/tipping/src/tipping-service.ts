import { startService, type RunningService, type ServiceOptions } from '@elan/service-kit';
import { TippingServiceModule, type TippingParts } from './tipping-service.module';
import type { TippingConfig } from './tipping.config';

export { tippingConfigFromEnv, type TippingConfig } from './tipping.config';

/**
 * Starts the tipping service through the service kit: connections, streams, its request
 * handlers in the `tipping` queue group (tip suggestions) and its health. Its tables
 * (`migrations`) and background work (`workers`: outbox relay, durable consumers, scheduler)
 * arrive with the tip streams.
 */
export function startTippingService(config: TippingConfig, options: ServiceOptions = {}): Promise<RunningService<TippingParts>> {
  return startService(
    {
      name: 'tipping',
      config,
      compose: (): TippingParts => ({ tipSuggestions: config.tipSuggestions }),
      module: (parts) => TippingServiceModule.forRoot(parts),
    },
    options,
  );
}
