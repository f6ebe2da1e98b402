import { Logger, type DynamicModule, type LoggerService, type LogLevel, type NestInterceptor } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NatsConnection } from 'nats';
import type { Pool } from 'pg';
import type { ServiceName } from '@elan/contracts';
import { closeNatsConnection, ensureStreams, requestReplyTransport } from '@elan/messaging';
import { connectNats, openPostgresPool } from './connections';
import { CorrelationInterceptor } from './correlation.interceptor';
import { healthResponder } from './health';
import type { ServiceConfig } from './service.config';
import { StopStack, type Worker } from './stop-stack';

/** What the kit opened for a service, handed to its `compose`. */
export interface ServiceInfrastructure<Config extends ServiceConfig> {
  readonly config: Config;
  readonly pool: Pool;
  /** The service's own connection (JetStream, its health); requests arrive on the Nest transport's. */
  readonly nc: NatsConnection;
  /** Whatever `compose` opens (a second pool, a data source), it hands here to be closed in turn. */
  readonly stack: StopStack;
}

/** A service, as the kit starts it: the parts differ, the order never does. */
export interface ServiceDefinition<Config extends ServiceConfig, Parts> {
  readonly name: ServiceName;
  readonly config: Config;
  /** Creates or upgrades the service's tables: the one place its table creation is called. */
  readonly migrations?: (pool: Pool, schema: string) => Promise<void>;
  /** Builds the application services from the infrastructure; starts nothing. */
  readonly compose: (infrastructure: ServiceInfrastructure<Config>) => Promise<Parts> | Parts;
  /** The Nest module of the request handlers, providing them the parts they call. */
  readonly module: (parts: Parts) => DynamicModule;
  /** Background work (subscriptions, outbox relay, durable consumers, scheduler), in start order. */
  readonly workers?: (parts: Parts) => readonly Worker[];
}

export interface ServiceOptions {
  /** Nest's logger setting. Default: log, warn and error. */
  readonly logger?: LoggerService | LogLevel[] | false;
  /** Interceptors around every request handler: for metrics, or a test counting which replica answered. */
  readonly interceptors?: readonly NestInterceptor[];
}

/** A running service: it answers requests until `close()`. */
export interface RunningService<Parts> {
  readonly parts: Parts;
  /** Stops everything in the reverse order of its start; rejects if a part failed to stop. */
  close(): Promise<void>;
}

/**
 * Starts a service: NATS, the PostgreSQL pool, its migrations, the JetStream streams, its parts,
 * the Nest microservice answering its contracts in the `<service>` queue group, the health
 * responder, then its workers. Resolves once requests are answered; several replicas may run on
 * one schema. Stopping goes backwards: workers (each finishes its batch in flight), health, the
 * microservice (it stops taking requests, lets those in flight answer), the parts, the pool,
 * then NATS (drained, then closed). A failed start stops what it had started, then rethrows.
 */
export async function startService<Config extends ServiceConfig, Parts>(
  definition: ServiceDefinition<Config, Parts>,
  options: ServiceOptions = {},
): Promise<RunningService<Parts>> {
  const { name, config } = definition;
  if (options.logger !== undefined) Logger.overrideLogger(options.logger);
  const logger = new Logger(`${name} service`);
  const stack = new StopStack(logger);
  try {
    const nc = await connectNats({ url: config.natsUrl, peer: name, seed: config.natsSeed });
    stack.push('the NATS connection', () => closeNatsConnection(nc));
    const pool = openPostgresPool({
      url: config.databaseUrl,
      owner: name,
      ...(config.poolSize !== undefined && { size: config.poolSize }),
    });
    stack.push('the PostgreSQL pool', () => pool.end());
    await definition.migrations?.(pool, config.schema);
    await ensureStreams(await nc.jetstreamManager());
    const parts = await definition.compose({ config, pool, nc, stack });
    await listenForRequests(definition, parts, stack, options);
    await stack.start(healthResponder(name, nc, pool, (message) => logger.warn(message)));
    for (const worker of definition.workers?.(parts) ?? []) await stack.start(worker);
    return { parts, close: () => stack.stop() };
  } catch (error) {
    await stack.stop().catch(() => undefined); // each failure is logged; the start-up error matters more
    throw error;
  }
}

/** The Nest microservice, listening in the service's queue group once this resolves. */
async function listenForRequests<Config extends ServiceConfig, Parts>(
  { name, config, module }: ServiceDefinition<Config, Parts>,
  parts: Parts,
  stack: StopStack,
  options: ServiceOptions,
): Promise<void> {
  const app = await NestFactory.createMicroservice(module(parts), {
    ...requestReplyTransport({
      service: name,
      servers: config.natsUrl,
      seed: config.natsSeed,
      ...(config.shutdownGraceMs !== undefined && { shutdownGraceMs: config.shutdownGraceMs }),
    }),
    logger: options.logger ?? ['log', 'warn', 'error'],
    // Throw on a wiring error instead of calling process.exit: the caller decides what to do.
    abortOnError: false,
  });
  stack.push('the request handlers', () => app.close());
  // The caller's correlation id first, so the other interceptors log under it too.
  app.useGlobalInterceptors(new CorrelationInterceptor(), ...(options.interceptors ?? []));
  await app.listen();
  // The subscriptions are on the server once it has answered a round trip after them:
  // only then may the service say it is ready.
  await app.unwrap<NatsConnection>().flush();
}
