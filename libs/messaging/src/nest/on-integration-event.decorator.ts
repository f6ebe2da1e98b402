import { SetMetadata } from '@nestjs/common';
import type { IntegrationEventContract } from '@elan/contracts';

export const INTEGRATION_EVENT_HANDLER = 'elan:integration-event-handler';

export interface IntegrationEventHandlerMetadata {
  readonly contract: IntegrationEventContract;
  /** Why the service listens: handlers of one purpose share one durable consumer. */
  readonly purpose: string;
}

/**
 * Marks a provider method as the handler of an integration event. The method receives the
 * validated payload and a context whose `client` is the transaction to write effects with.
 */
export const OnIntegrationEvent = (contract: IntegrationEventContract, options: { purpose: string }): MethodDecorator =>
  SetMetadata(INTEGRATION_EVENT_HANDLER, { contract, purpose: options.purpose } satisfies IntegrationEventHandlerMetadata);
