import { Logger } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import type { CampaignConfig } from '../campaign.config';
import { natsPeerOptions, reasonOf } from '@elan/messaging';
import { hostOf } from './host-of';

const logger = new Logger('CampaignNats');

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
    // The campaign service's NATS user (its NKey) and its own inboxes, for the JetStream replies.
    ...natsPeerOptions('campaign', config.natsSeed),
    // No async stack trace per request or publish: measured at about 30 % of the publisher's
    // CPU per message in bench/messaging, for traces our own errors already carry.
    noAsyncTraces: true,
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
