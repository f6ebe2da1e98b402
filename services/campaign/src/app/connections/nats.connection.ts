import { Logger } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import type { CampaignConfig } from '../campaign.config';
import { hostOf, reasonOf, withTimeout } from './with-timeout';

const logger = new Logger('CampaignNats');

/** How long a drain may take before the connection is simply closed. */
const DRAIN_TIMEOUT_MS = 2_000;

/**
 * The service's own NATS connection, for JetStream: the outbox relay publishes on it and
 * `ensureStreams` runs on it. (Requests arrive on the Nest transport's connection.) Unlike the
 * gateway's, it is opened at start-up: without it nothing the service decides reaches other
 * services, so a service that cannot reach NATS does not claim to be ready. Once open, the
 * client reconnects by itself for as long as the service runs.
 */
export async function connectNats(config: CampaignConfig): Promise<NatsConnection> {
  const connection = await connect({
    servers: config.natsUrl,
    name: 'elan-campaign',
    timeout: 5_000,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
  }).catch((error: unknown) => {
    throw new Error(`NATS at ${hostOf(config.natsUrl)} is not reachable: ${reasonOf(error)}`, { cause: error });
  });
  void connection.closed().then((error) => {
    if (error) logger.error(`the NATS connection closed on an error: ${reasonOf(error)}`);
  });
  return connection;
}

/**
 * Drains then closes. Drain delivers what is in flight; when the server is gone, drain() gives
 * up (or hangs) and may resolve without closing, leaving the client reconnecting forever and the
 * process alive: close it then (the gateway's fix, same reason).
 */
export async function closeNats(connection: NatsConnection): Promise<void> {
  if (connection.isClosed()) return;
  await withTimeout(connection.drain(), DRAIN_TIMEOUT_MS, 'drain timed out').catch(() => undefined);
  if (!connection.isClosed()) await connection.close();
}
