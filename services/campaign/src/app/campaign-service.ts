import { Logger, type INestMicroservice, type LoggerService, type LogLevel, type NestInterceptor } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NatsConnection } from 'nats';
import { systemClock, type Clock } from '@elan/domain-kernel';
import { PostgresEventStore } from '@elan/event-store';
import { ensureStreams, requestReplyTransport } from '@elan/messaging';
import { openReadModelDataSource } from '../read-models';
import type { CampaignConfig } from './campaign.config';
import { migrateCampaignSchema } from './campaign.migrations';
import { composeCampaign, type CampaignComposition } from './campaign.composition';
import { CampaignServiceModule } from './campaign-service.module';
import { closeNatsConnection } from '@elan/messaging';
import { connectNats } from './connections/nats.connection';
import { DEFAULT_POOL_SIZE, openPostgresPool } from './connections/postgres.pool';
import { StopStack } from './stop-stack';

export interface CampaignServiceOptions {
  /** Nest's logger setting. Default: log, warn and error. */
  readonly logger?: LoggerService | LogLevel[] | false;
  /** The service's clock; the system's unless given. */
  readonly clock?: Clock;
  /**
   * Interceptors around every request handler, Nest's own extension point: for metrics, or for
   * a test that counts which replica answered.
   */
  readonly interceptors?: readonly NestInterceptor[];
}

/** A running campaign service: it answers requests until `close()`. */
export interface CampaignService {
  /** Stops everything in the reverse order of its start; rejects if a part failed to stop. */
  close(): Promise<void>;
}

const logger = new Logger('CampaignService');

/**
 * Starts the campaign service: NATS and PostgreSQL, the event store (migrations included), the
 * schedule table, the read models, the JetStream streams, the Nest microservice answering the
 * campaign contracts in the `campaign` queue group, then the subscriptions and the scheduler.
 * Resolves once requests are answered. `main.ts`, `npm start` and the tests all go through here;
 * several replicas may run on the same schema.
 *
 * Stopping goes backwards: subscriptions and scheduler, the microservice (it stops taking
 * requests, lets those in flight answer), the read models, the store's listener, the pool, then
 * NATS (drained, then closed). A failed start stops what it had started, then rethrows.
 */
export async function createCampaignService(config: CampaignConfig, options: CampaignServiceOptions = {}): Promise<CampaignService> {
  if (options.logger !== undefined) Logger.overrideLogger(options.logger);
  const stack = new StopStack(logger);
  try {
    const nc = await connectNats(config);
    stack.push('the NATS connection', () => closeNatsConnection(nc));
    const pool = openPostgresPool(config);
    stack.push('the PostgreSQL pool', () => pool.end());
    await migrateCampaignSchema(pool, config.schema);
    const store = await PostgresEventStore.open(pool, { schema: config.schema });
    stack.push('the event store listener', () => store.close());
    const dataSource = await openReadModelDataSource({
      url: config.databaseUrl,
      schema: config.schema,
      poolSize: config.poolSize ?? DEFAULT_POOL_SIZE,
      applicationName: 'elan-campaign-read-models',
    });
    stack.push('the read-model data source', () => dataSource.destroy());
    await ensureStreams(await nc.jetstreamManager());

    const composition = composeCampaign({ config, store, dataSource, nc, clock: options.clock ?? systemClock });
    const app = await listenForRequests(composition, config, options);
    stack.push('the request handlers', () => app.close());
    await composition.background.start();
    stack.push('the subscriptions and the scheduler', () => composition.background.stop());
    return { close: () => stack.stop() };
  } catch (error) {
    await stack.stop().catch(() => undefined); // each failure is logged; the start-up error matters more
    throw error;
  }
}

/** The Nest microservice, listening in the `campaign` queue group once this resolves. */
async function listenForRequests(
  composition: CampaignComposition,
  config: CampaignConfig,
  options: CampaignServiceOptions,
): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(CampaignServiceModule.forRoot(composition), {
    ...requestReplyTransport({
      service: 'campaign',
      servers: config.natsUrl,
      seed: config.natsSeed,
      ...(config.shutdownGraceMs !== undefined && { shutdownGraceMs: config.shutdownGraceMs }),
    }),
    logger: options.logger ?? ['log', 'warn', 'error'],
    // Throw on a wiring error instead of calling process.exit: the caller decides what to do.
    abortOnError: false,
  });
  if (options.interceptors?.length) app.useGlobalInterceptors(...options.interceptors);
  try {
    await app.listen();
    // The subscriptions are on the server once it has answered a round trip after them:
    // only then may the service say it is ready.
    await app.unwrap<NatsConnection>().flush();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
