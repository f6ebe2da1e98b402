import { Logger } from '@nestjs/common';
import type { Clock } from '@elan/domain-kernel';
import type { PostgresEventStore } from '@elan/event-store';
import { DurableConsumer, OutboxRelay, reasonOf } from '@elan/messaging';
import { StripePaymentProvider, type PaymentProvider } from '@elan/payments';
import { PersonalDataVault, PostgresKeyStore } from '@elan/personal-data';
import type { ServiceInfrastructure, Worker } from '@elan/service-kit';
import { campaignTermsOver, type CampaignTerms } from '../application/campaign-terms';
import { CheckoutIntents } from '../application/payment-intents';
import { PledgeApplication } from '../application/pledge-application';
import { PledgeChanges } from '../application/pledge-changes';
import { PledgeCheckout } from '../application/pledge-checkout';
import { campaignEventHandlers } from '../consumers/campaign-events.handlers';
import { stripeEventHandlers } from '../consumers/stripe-events.handlers';
import { toIntegrationEvent } from '../outbox/pledge-integration-events';
import { createPledgeDecider } from '../pledge';
import { PledgeEffects } from '../workers/pledge-effects';
import { PledgeSweeper } from '../workers/pledge-sweeper';
import type { PledgeConfig } from './pledge.config';
import { PledgeQueries } from './pledge-queries';
import { PledgeHolderQueries } from './pledge-holder.queries';
import { PersonalData } from './personal-data';
import { PledgeReconciliation } from './pledge-reconciliation';
import { PledgeRecipients } from './pledge-recipients';

/** The application services the message controllers call, and the work that runs beside them. */
export interface PledgeComposition {
  readonly pledges: PledgeApplication;
  readonly checkout: PledgeCheckout;
  readonly changes: PledgeChanges;
  readonly queries: PledgeQueries;
  /** Backers, messages of support and receipts. */
  readonly holderViews: PledgeHolderQueries;
  readonly vault: PersonalDataVault;
  readonly personalData: PersonalData;
  /** The payments and chain verification the payout service's reconciliation asks for. */
  readonly reconciliation: PledgeReconciliation;
  /** Where a pledge's mail goes, for the notification service (ADR 0031). */
  readonly recipients: PledgeRecipients;
  readonly sweeper: PledgeSweeper;
  readonly workers: readonly Worker[];
}

export interface PledgeParts {
  readonly store: PostgresEventStore;
  readonly clock: Clock;
  /** The payment port; the Stripe SDK on `config.stripe` unless a test gives one. */
  readonly payments?: PaymentProvider;
  /** The campaign's answers; over NATS unless a test gives them. */
  readonly campaigns?: CampaignTerms;
}

const logger = new Logger('PledgeService');

const logFailure =
  (what: string) =>
  (error: unknown): void =>
    logger.error(`${what} failed and will retry: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);

/**
 * Wires the pledge service's parts together; opens and starts nothing (the service kit starts the
 * workers once requests are answered). Every replica runs every worker: consumers share their
 * durable consumer, subscriptions lock their checkpoint, the sweeper skips locked rows.
 */
export function composePledge({ config, nc, pool }: ServiceInfrastructure<PledgeConfig>, parts: PledgeParts): PledgeComposition {
  const { store, clock } = parts;
  const pledges = new PledgeApplication(store, createPledgeDecider(config.rules), clock);
  const vault = new PersonalDataVault(new PostgresKeyStore(pool, { schema: config.schema, clock }));
  const payments = parts.payments ?? (config.stripe ? new StripePaymentProvider(config.stripe) : undefined);
  const campaigns = parts.campaigns ?? campaignTermsOver(nc);
  const intents = payments && new CheckoutIntents(payments);
  const checkout = new PledgeCheckout(store, pledges, campaigns, vault, intents, config.rules);
  const changes = new PledgeChanges(pledges, campaigns, vault, payments);
  const queries = new PledgeQueries(store, vault);
  const sweeper = new PledgeSweeper(store, pledges, {
    checkoutTimeoutMs: config.checkoutTimeoutMs,
    intervalMs: config.sweepIntervalMs,
    onError: logFailure('the sweeper'),
  });
  const relay = new OutboxRelay({ store, js: nc.jetstream(), map: toIntegrationEvent, onError: logFailure('the outbox relay') });
  const consumerError = (error: unknown, message: { subject: string; eventId?: string }) =>
    logger.warn(`${message.subject} ${message.eventId ?? ''} failed, retried: ${reasonOf(error)}`);
  const stripeEvents = new DurableConsumer({
    nc,
    pool,
    schema: config.schema,
    durableName: 'pledge-stripe',
    handlers: stripeEventHandlers(pledges),
    onError: consumerError,
  });
  const campaignEvents = new DurableConsumer({
    nc,
    pool,
    schema: config.schema,
    durableName: 'pledge-campaigns',
    handlers: campaignEventHandlers(pledges, config.schema, config.tallyGraceMs),
    onError: consumerError,
  });
  const effects = payments && new PledgeEffects(store, pledges, payments, logFailure('the payment effects'));
  const workers: Worker[] = [
    { name: 'the outbox relay', start: () => relay.start(), stop: () => relay.stop() },
    { name: 'the Stripe events consumer', start: () => stripeEvents.start(), stop: () => stripeEvents.stop() },
    { name: 'the campaign events consumer', start: () => campaignEvents.start(), stop: () => campaignEvents.stop() },
    ...(effects ? [{ name: 'the payment effects', start: () => effects.start(), stop: () => effects.stop() }] : []),
    { name: 'the sweeper', start: () => sweeper.start(), stop: () => sweeper.stop() },
  ];
  const holderViews = new PledgeHolderQueries(store, vault, campaigns);
  const personalData = new PersonalData(store, pledges, vault, intents);
  const reconciliation = new PledgeReconciliation(store);
  const recipients = new PledgeRecipients(store.pool, store.schema, vault, store);
  return { pledges, checkout, changes, queries, holderViews, vault, personalData, reconciliation, recipients, sweeper, workers };
}
