import { Logger } from '@nestjs/common';
import { systemClock, type Clock } from '@elan/domain-kernel';
import type { PostgresEventStore } from '@elan/event-store';
import { DurableConsumer, reasonOf } from '@elan/messaging';
import { StripePaymentProvider, type PaymentProvider } from '@elan/payments';
import type { ServiceInfrastructure, Worker } from '@elan/service-kit';
import { tipLedgerProjection } from '../ledger/tip-ledger.projection';
import { TipLedgerQueries } from '../ledger/tip-ledger.queries';
import { TipReconciliation } from '../reconciliation/tip-reconciliation';
import { tipRefundsOwedProjection } from '../refunds/tip-refunds-owed.projection';
import { TipRefundWorker } from '../refunds/tip-refund.worker';
import { pledgeEventHandlers, TIPPING_PLEDGES_CONSUMER } from '../streams/pledge-event.handlers';
import { TipStreams } from '../streams/tip-streams';
import type { TipSuggestionPolicy } from '../tip';
import type { TippingConfig } from '../tipping.config';

/** What the message controllers call, and the work that runs beside them. */
export interface TippingParts {
  readonly tipSuggestions: TipSuggestionPolicy;
  readonly tips: TipStreams;
  readonly ledger: TipLedgerQueries;
  /** The payments and chain verification the payout service's reconciliation asks for. */
  readonly reconciliation: TipReconciliation;
  readonly clock: Clock;
  /**
   * The durable consumer of the pledge events, the two projections of the tip log (ledger lines,
   * refunds owed) and the refund worker. Every replica runs them all: the consumer shares its
   * messages, checkpoints are locked per batch, refunds owed are taken `FOR UPDATE SKIP LOCKED`.
   */
  readonly workers: readonly Worker[];
}

/** Knobs for tests: the clock of refunds asked for, and how fast failed refunds are retried. */
export interface TippingCompositionOptions {
  readonly clock?: Clock;
  readonly refundRetryAfterMs?: (attempts: number) => number;
}

const logger = new Logger('TippingService');

/** Failures in the background are logged and retried by their owner; they never end the process. */
const logFailure =
  (what: string) =>
  (error: unknown): void =>
    logger.error(`${what} failed and will retry: ${reasonOf(error)}`);

/** Wires the tipping service's parts together; nothing here starts: the service kit starts the workers. */
export function composeTipping(
  { config, nc, pool }: ServiceInfrastructure<TippingConfig>,
  store: PostgresEventStore,
  options: TippingCompositionOptions = {},
): TippingParts {
  const tips = new TipStreams(store);
  const provider: PaymentProvider | undefined = config.stripe && new StripePaymentProvider(config.stripe);
  if (!provider) logger.warn('no STRIPE_SECRET_KEY: tips are recorded, but the refunds they owe wait for a Stripe key');
  const refunds = new TipRefundWorker({
    pool,
    schema: config.schema,
    provider,
    ...(options.refundRetryAfterMs && { retryAfterMs: options.refundRetryAfterMs }),
    onError: (error, tipId) => logger.error(`the refund of tip ${tipId} failed and will be retried: ${reasonOf(error)}`),
  });
  const consumer = new DurableConsumer({
    nc,
    pool,
    schema: config.schema,
    durableName: TIPPING_PLEDGES_CONSUMER,
    handlers: pledgeEventHandlers(tips),
    onError: (error, message) => logger.error(`${message.subject} ${message.eventId ?? ''} failed: ${reasonOf(error)}`),
  });
  const ledgerLines = tipLedgerProjection(store, tips, { onError: logFailure('the tip ledger projection') });
  const refundsOwed = tipRefundsOwedProjection(store, tips, {
    onOwed: () => refunds.nudge(),
    onError: logFailure('the refunds-owed projection'),
  });
  const workers: Worker[] = [
    { name: 'the tip ledger projection', start: () => ledgerLines.start(), stop: () => ledgerLines.stop() },
    { name: 'the refunds-owed projection', start: () => refundsOwed.start(), stop: () => refundsOwed.stop() },
    { name: 'the tip refund worker', start: () => refunds.start(), stop: () => refunds.stop() },
    { name: `the ${TIPPING_PLEDGES_CONSUMER} consumer`, start: () => consumer.start(), stop: () => consumer.stop() },
  ];
  return {
    tipSuggestions: config.tipSuggestions,
    tips,
    ledger: new TipLedgerQueries(pool, config.schema),
    reconciliation: new TipReconciliation(store),
    clock: options.clock ?? systemClock,
    workers,
  };
}
