import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { NatsConnection } from 'nats';
import type { Pool } from 'pg';
import { DurableConsumer, type DurableConsumerOptions, type IntegrationEventHandler } from '../durable-consumer';
import { INTEGRATION_EVENT_HANDLER, type IntegrationEventHandlerMetadata } from './on-integration-event.decorator';
import { MESSAGING_OPTIONS, NATS_CONNECTION, PG_POOL } from './tokens';

export interface MessagingOptions {
  /** The consuming service: durable consumers are named `<service>-<purpose>`. */
  readonly service: string;
  /** The service's schema, which holds its inbox. */
  readonly schema: string;
  readonly consumer?: Partial<Pick<DurableConsumerOptions, 'maxDeliver' | 'backoffMs' | 'batchSize' | 'ackWaitMs'>>;
}

/**
 * Finds every `@OnIntegrationEvent` method at bootstrap, starts one durable consumer per
 * purpose, and drains them before the application shuts down (in-flight batches commit and
 * ack; messages not yet started go back to the server).
 */
@Injectable()
export class IntegrationEventConsumers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IntegrationEventConsumers.name);
  private consumers: DurableConsumer[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const byPurpose = new Map<string, IntegrationEventHandler[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[name];
        if (typeof method !== 'function') continue;
        const metadata = this.reflector.get<IntegrationEventHandlerMetadata | undefined>(INTEGRATION_EVENT_HANDLER, method);
        if (!metadata) continue;
        const handlers = byPurpose.get(metadata.purpose) ?? [];
        handlers.push({ contract: metadata.contract, handle: method.bind(instance) as IntegrationEventHandler['handle'] });
        byPurpose.set(metadata.purpose, handlers);
      }
    }
    for (const [purpose, handlers] of byPurpose) {
      const consumer = new DurableConsumer({
        nc: this.nc,
        pool: this.pool,
        schema: this.options.schema,
        durableName: `${this.options.service}-${purpose}`,
        handlers,
        ...this.options.consumer,
        onError: (error, message) =>
          this.logger.warn(`${this.options.service}-${purpose} failed on ${message.subject} ${message.eventId ?? ''}: ${String(error)}`),
      });
      await consumer.start();
      this.consumers.push(consumer);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    this.consumers = [];
  }

  /** The running consumers' names, for health and tests. */
  get names(): string[] {
    return this.consumers.map((consumer) => consumer.name);
  }
}
