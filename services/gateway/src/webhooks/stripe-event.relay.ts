import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { stripeEventReceived } from '@elan/contracts';
import type { RecordedEvent } from '@elan/event-store';
import { ensureStreams, OutboxRelay, reasonOf, type IntegrationMapping } from '@elan/messaging';
import { NatsConnection } from '../connections/nats.connection';
import { GatewayEventLog } from '../storage/gateway-event-log';
import { STRIPE_EVENT_RECEIVED } from './stripe-event-intake';

/** How long to wait before trying again to start the relay when PostgreSQL or NATS was not there. */
const RETRY_START_MS = 5_000;

/** Every event of the gateway's log is a Stripe event received; its data is the contract's payload. */
export const toStripeEventReceived = (event: RecordedEvent): IntegrationMapping =>
  event.type === STRIPE_EVENT_RECEIVED ? { contract: stripeEventReceived, payload: event.data } : null;

/**
 * The gateway's outbox relay (ADR 0005): publishes each recorded Stripe event to NATS, after
 * the webhook was answered. Every replica runs it; the subscription's checkpoint lock lets one
 * publish at a time. Started at bootstrap when PostgreSQL and NATS answer, otherwise retried in
 * the background: the gateway serves requests meanwhile and recorded events wait in the log.
 */
@Injectable()
export class StripeEventRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(StripeEventRelay.name);
  private relay: OutboxRelay | undefined;
  private starting: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly log: GatewayEventLog,
    private readonly nats: NatsConnection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.tryToStart();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retry);
    await this.starting;
    await this.relay?.stop();
  }

  private tryToStart(): Promise<void> {
    this.starting = this.start().catch((error: unknown) => {
      if (this.stopping) return;
      this.logger.warn(`the Stripe event relay could not start (${reasonOf(error)}); retrying in ${RETRY_START_MS} ms`);
      this.retry = setTimeout(() => void this.tryToStart(), RETRY_START_MS);
      this.retry.unref();
    });
    return this.starting;
  }

  private async start(): Promise<void> {
    const [store, nc] = await Promise.all([this.log.store(), this.nats.get()]);
    // The gateway may start before any service has made the streams.
    await ensureStreams(await nc.jetstreamManager());
    if (this.stopping) return;
    const relay = new OutboxRelay({
      store,
      js: nc.jetstream(),
      map: toStripeEventReceived,
      name: 'stripe-events',
      onError: (error) => this.logger.error(`the Stripe event relay failed and will retry: ${reasonOf(error)}`),
    });
    await relay.start();
    this.relay = relay;
  }
}
