import { Logger } from '@nestjs/common';
import { systemClock, type Clock } from '@elan/domain-kernel';
import type { PostgresEventStore } from '@elan/event-store';
import { DurableConsumer, OutboxRelay, reasonOf } from '@elan/messaging';
import { StripePaymentProvider, type PaymentProvider } from '@elan/payments';
import type { ServiceInfrastructure, Worker } from '@elan/service-kit';
import { PAYOUT_STRIPE_CONSUMER, stripeEventHandlers } from '../consumers/stripe-events.handlers';
import { toIntegrationEvent } from '../outbox/payout-integration-events';
import type { PayoutConfig } from './payout.config';
import { PayoutAccounts } from './payout-accounts';

/** What the message controllers call, and the work that runs beside them. */
export interface PayoutParts {
  readonly accounts: PayoutAccounts;
  /** The outbox relay (`elan.payout.>`) and the `payout-stripe` consumer; every replica runs both. */
  readonly workers: readonly Worker[];
}

/** Knobs for tests: the clock, and a payment port of their own. */
export interface PayoutCompositionOptions {
  readonly clock?: Clock;
  readonly payments?: PaymentProvider;
}

const logger = new Logger('PayoutService');

/** Wires the payout service's parts together; nothing here starts: the service kit starts the workers. */
export function composePayout(
  { config, nc, pool }: ServiceInfrastructure<PayoutConfig>,
  store: PostgresEventStore,
  options: PayoutCompositionOptions = {},
): PayoutParts {
  const payments = options.payments ?? (config.stripe && new StripePaymentProvider(config.stripe));
  if (!payments) logger.warn('no STRIPE_SECRET_KEY: payout accounts cannot be started, and Stripe’s account updates wait');
  const accounts = new PayoutAccounts(store, payments, options.clock ?? systemClock, {
    returnUrl: config.onboardingReturnUrl,
    refreshUrl: config.onboardingRefreshUrl,
    country: config.accountCountry,
  });
  const relay = new OutboxRelay({
    store,
    js: nc.jetstream(),
    map: toIntegrationEvent,
    onError: (error) => logger.error(`the outbox relay failed and will retry: ${reasonOf(error)}`),
  });
  const stripeEvents = new DurableConsumer({
    nc,
    pool,
    schema: config.schema,
    durableName: PAYOUT_STRIPE_CONSUMER,
    handlers: stripeEventHandlers(accounts),
    onError: (error, message) => logger.warn(`${message.subject} ${message.eventId ?? ''} failed, retried: ${reasonOf(error)}`),
  });
  const workers: Worker[] = [
    { name: 'the outbox relay', start: () => relay.start(), stop: () => relay.stop() },
    { name: `the ${PAYOUT_STRIPE_CONSUMER} consumer`, start: () => stripeEvents.start(), stop: () => stripeEvents.stop() },
  ];
  return { accounts, workers };
}
