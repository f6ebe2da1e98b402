import type { ServiceName } from '@elan/contracts';
import { Transport, type NatsOptions } from '@nestjs/microservices';
import { natsPeerOptions } from '../peers/nats-credentials';

export interface RequestReplyTransportOptions {
  /** The answering service: its replicas share one queue group named after it. */
  readonly service: ServiceName;
  readonly servers: string | string[];
  /** The service's NATS user seed (`NATS_NKEY_SEED`); none on an open server (tests). */
  readonly seed?: string | undefined;
  /**
   * On shutdown, how long handlers already running get to answer after the subscriptions end
   * (new requests go to the other replicas meanwhile). 2 s unless given; tests pass 0.
   */
  readonly shutdownGraceMs?: number;
}

const DEFAULT_SHUTDOWN_GRACE_MS = 2_000;

/**
 * The options of a service's NestJS microservice that answers requests
 * (`app.connectMicroservice(requestReplyTransport({ service: 'campaign', servers }))`).
 * `@HandlesRequest` names the queue group per handler too; the default here covers plain
 * `@MessagePattern` handlers. The client reconnects for as long as the service runs.
 */
export const requestReplyTransport = (options: RequestReplyTransportOptions): NatsOptions & { transport: Transport.NATS } => ({
  transport: Transport.NATS,
  options: {
    servers: options.servers,
    queue: options.service,
    // The service's NATS user, and its own inboxes: the same as its other connections.
    ...natsPeerOptions(options.service, options.seed),
    name: `elan-${options.service}-requests`,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
    // Nest's graceful shutdown: unsubscribe, wait the grace period, then close the connection.
    gracefulShutdown: true,
    gracePeriod: options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS,
  },
});
