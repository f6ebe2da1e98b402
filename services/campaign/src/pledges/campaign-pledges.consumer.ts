import type { Pool } from 'pg';
import type { NatsConnection } from 'nats';
import { DurableConsumer, type IntegrationEventHandler } from '@elan/messaging';

/** The durable consumer's name, as the NATS grants know it (`nats-peers.ts`, filter `elan.pledge.>`). */
export const CAMPAIGN_PLEDGES = 'campaign-pledges';

export interface CampaignPledgesConsumerOptions {
  readonly nc: NatsConnection;
  readonly pool: Pool;
  readonly schema: string;
  readonly handlers: readonly IntegrationEventHandler[];
  readonly onError?: (error: unknown, message: { subject: string; eventId?: string }) => void;
  /** Tests shorten the back-off and the ack wait; the service keeps the defaults. */
  readonly backoffMs?: (deliveryCount: number) => number;
  readonly ackWaitMs?: number;
}

/**
 * The campaign service's one durable consumer of the pledge service's events (ADR 0005): every
 * replica pulls from it, each event is handled in the inbox's transaction, once.
 */
export const campaignPledgesConsumer = ({ handlers, ...options }: CampaignPledgesConsumerOptions): DurableConsumer =>
  new DurableConsumer({ ...options, durableName: CAMPAIGN_PLEDGES, handlers });
