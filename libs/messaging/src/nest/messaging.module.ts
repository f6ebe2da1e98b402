import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { IntegrationEventConsumers, type MessagingOptions } from './integration-event-consumers';
import { MESSAGING_OPTIONS } from './tokens';

/**
 * Wires a service's integration event handlers. The service provides `NATS_CONNECTION` and
 * `PG_POOL` (its own connection and pool) through `connections`.
 */
@Module({})
export class MessagingModule {
  static forService(options: MessagingOptions, connections: Provider[]): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers: [{ provide: MESSAGING_OPTIONS, useValue: options }, ...connections, IntegrationEventConsumers],
      exports: [IntegrationEventConsumers],
    };
  }
}
