import { Logger } from '@nestjs/common';
import { systemClock, type Clock } from '@elan/domain-kernel';
import type { PostgresEventStore } from '@elan/event-store';
import { DurableConsumer, OutboxRelay, reasonOf } from '@elan/messaging';
import { StripePaymentProvider, type PaymentProvider } from '@elan/payments';
import type { ServiceInfrastructure, Worker } from '@elan/service-kit';
import {
  campaignEventHandlers,
  PAYOUT_CAMPAIGNS_CONSUMER,
  PAYOUT_PLEDGES_CONSUMER,
  pledgeEventHandlers,
} from '../consumers/ledger-events.handlers';
import { PAYOUT_STRIPE_CONSUMER, stripeEventHandlers } from '../consumers/stripe-events.handlers';
import { StatementWorker } from '../workers/statement-worker';
import { moneyServicesOver, type MoneyServices } from '../reconciliation/money-services';
import { Reconciliation } from '../reconciliation/reconciliation-job';
import { ReconciliationWorker } from '../reconciliation/reconciliation-worker';
import { toIntegrationEvent } from '../outbox/payout-integration-events';
import { DEFAULT_RECONCILIATION_INTERVAL_MS, DEFAULT_STATEMENT_SETTINGS, type PayoutConfig } from './payout.config';
import { PayoutAccounts } from './payout-accounts';
import { PayoutStatements } from './payout-statements';

/** What the message controllers call, and the work that runs beside them. */
export interface PayoutParts {
  readonly accounts: PayoutAccounts;
  readonly statements: PayoutStatements;
  /** Exposed for tests that drive a pass themselves. */
  readonly statementWorker: StatementWorker;
  /** The reconciliation (ADR 0028): its worker runs it every RECONCILIATION_INTERVAL_MS; admins read it and run it now. */
  readonly reconciliation: Reconciliation;
  /**
   * The outbox relay (`elan.payout.>`), the `payout-stripe`, `payout-pledges` and `payout-campaigns`
   * consumers and the statement worker; every replica runs them all.
   */
  readonly workers: readonly Worker[];
}

/** Knobs for tests: the clock, and a payment port of their own. */
export interface PayoutCompositionOptions {
  readonly clock?: Clock;
  readonly payments?: PaymentProvider;
  /** The pledge and tipping services as the reconciliation asks them; over NATS unless given. */
  readonly moneyServices?: MoneyServices;
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
  const clock = options.clock ?? systemClock;
  const statements = new PayoutStatements(store, payments, clock, config.statements ?? DEFAULT_STATEMENT_SETTINGS);
  const consumer = (durableName: string, handlers: ConstructorParameters<typeof DurableConsumer>[0]['handlers']) =>
    new DurableConsumer({
      nc,
      pool,
      schema: config.schema,
      durableName,
      handlers,
      onError: (error, message) => logger.warn(`${message.subject} ${message.eventId ?? ''} failed, retried: ${reasonOf(error)}`),
    });
  const pledgeEvents = consumer(PAYOUT_PLEDGES_CONSUMER, pledgeEventHandlers(statements));
  const campaignEvents = consumer(PAYOUT_CAMPAIGNS_CONSUMER, campaignEventHandlers(statements));
  const statementWorker = new StatementWorker(statements, {
    intervalMs: config.statementWorkerIntervalMs ?? 1_000,
    onError: (error) => logger.warn(`the statement worker failed a step, retried: ${reasonOf(error)}`),
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
    handlers: stripeEventHandlers(accounts, statements),
    onError: (error, message) => logger.warn(`${message.subject} ${message.eventId ?? ''} failed, retried: ${reasonOf(error)}`),
  });
  const reconciliation = new Reconciliation(store, options.moneyServices ?? moneyServicesOver(nc), payments, clock);
  const reconciliationWorker = new ReconciliationWorker(reconciliation, {
    intervalMs: config.reconciliationIntervalMs ?? DEFAULT_RECONCILIATION_INTERVAL_MS,
    onError: (error) => logger.warn(`the reconciliation failed a run, retried next round: ${reasonOf(error)}`),
  });
  const workers: Worker[] = [
    { name: 'the outbox relay', start: () => relay.start(), stop: () => relay.stop() },
    { name: `the ${PAYOUT_STRIPE_CONSUMER} consumer`, start: () => stripeEvents.start(), stop: () => stripeEvents.stop() },
    { name: `the ${PAYOUT_PLEDGES_CONSUMER} consumer`, start: () => pledgeEvents.start(), stop: () => pledgeEvents.stop() },
    { name: `the ${PAYOUT_CAMPAIGNS_CONSUMER} consumer`, start: () => campaignEvents.start(), stop: () => campaignEvents.stop() },
    { name: 'the statement worker', start: () => statementWorker.start(), stop: () => statementWorker.stop() },
    { name: 'the reconciliation', start: () => reconciliationWorker.start(), stop: () => reconciliationWorker.stop() },
  ];
  return { accounts, statements, statementWorker, reconciliation, workers };
}
