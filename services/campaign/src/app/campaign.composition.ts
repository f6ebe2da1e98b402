import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Clock } from '@elan/domain-kernel';
import type { PostgresEventStore } from '@elan/event-store';
import { OutboxRelay } from '@elan/messaging';
import { CampaignApplication } from '../application/campaign-application';
import { campaignTierFacts } from '../application/campaign-tier-facts';
import { createCampaignDecider } from '../campaign';
import { toIntegrationEvent } from '../outbox/campaign-integration-events';
import { campaignPayoutsConsumer, SubmissionGate } from '../payouts';
import { campaignPledgeHandlers, campaignPledgesConsumer } from '../pledges';
import { CampaignCatalog, campaignReadModelsProjection } from '../read-models';
import {
  DurableScheduler,
  campaignDeadlineHandlers,
  campaignScheduleProjection,
  scheduleHoldExpiry,
  tierHoldExpiryHandlers,
} from '../scheduler';
import { TierStockService } from '../tier-stock/application/tier-stock.service';
import type { CampaignConfig } from './campaign.config';
import { reasonOf } from '@elan/messaging';
import type { ServiceInfrastructure, Worker } from '@elan/service-kit';

/** The application services the message controllers call, and the work that runs beside them. */
export interface CampaignComposition {
  readonly commands: CampaignApplication;
  /** Refuses a submission for review while the holder has no payout account, when the configuration requires one. */
  readonly submissions: SubmissionGate;
  readonly catalog: CampaignCatalog;
  readonly tierStock: TierStockService;
  /**
   * The three subscriptions on the service's log (read models, schedule, outbox relay), the
   * durable scheduler and the `campaign-pledges` consumer. Every replica runs them all:
   * checkpoints are locked per batch, due commands are taken `FOR UPDATE SKIP LOCKED` and the
   * consumer's inbox keeps each pledge event to one effect, so each is handled once.
   */
  readonly workers: readonly Worker[];
}

const logger = new Logger('CampaignService');

/** Failures in the background are logged and retried by their owner; they never end the process. */
const logFailure =
  (what: string) =>
  (error: unknown): void =>
    logger.error(`${what} failed and will retry: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);

/**
 * Wires the campaign service's parts (each built and tested on its own) together. Nothing here
 * opens a connection or starts anything: the service kit starts the workers once requests are answered.
 */
export function composeCampaign(
  { config, nc }: ServiceInfrastructure<CampaignConfig>,
  { store, dataSource, clock }: { store: PostgresEventStore; dataSource: DataSource; clock: Clock },
): CampaignComposition {
  const commands = new CampaignApplication(store, createCampaignDecider(config.rules), clock);
  const tierStock = new TierStockService(
    store,
    clock,
    campaignTierFacts(commands),
    config.tierHoldMs,
    scheduleHoldExpiry(store.schema),
  );
  const catalog = new CampaignCatalog(dataSource, clock);

  const scheduler = new DurableScheduler({
    pool: store.pool,
    schema: store.schema,
    clock,
    handlers: { ...campaignDeadlineHandlers(commands), ...tierHoldExpiryHandlers(tierStock) },
    onError: (error, command) =>
      logger.error(
        `scheduled ${command.kind} of ${command.subjectId} failed (attempt ${command.attempts + 1}), retried later: ${reasonOf(error)}`,
      ),
  });
  const readModels = campaignReadModelsProjection(store, dataSource, { onError: logFailure('the read-model projection') });
  const schedule = campaignScheduleProjection(store, () => scheduler.nudge(), { onError: logFailure('the schedule projection') });
  const relay = new OutboxRelay({ store, js: nc.jetstream(), map: toIntegrationEvent, onError: logFailure('the outbox relay') });
  const pledges = campaignPledgesConsumer({
    nc,
    pool: store.pool,
    schema: store.schema,
    handlers: campaignPledgeHandlers({
      schema: store.schema,
      tierStock,
      campaigns: commands,
      onRefusedConfirmation: ({ campaignId, tierId, pledgeId, holdId, reason }) =>
        logger.warn(
          `pledge ${pledgeId} counts, but tier ${tierId} of campaign ${campaignId} would not confirm its unit ${holdId}: ${reason}`,
        ),
    }),
    onError: (error, { subject, eventId }) => logFailure(`the pledge event ${eventId ?? ''} on ${subject}`)(error),
  });

  const payouts = campaignPayoutsConsumer({
    nc,
    pool: store.pool,
    schema: store.schema,
    onError: (error, { subject, eventId }) => logFailure(`the payout event ${eventId ?? ''} on ${subject}`)(error),
  });
  const submissions = new SubmissionGate(store.pool, store.schema, config.requiresPayoutAccount ?? false);

  const workers: Worker[] = [
    { name: 'the read-model projection', start: () => readModels.start(), stop: () => readModels.stop() },
    { name: 'the schedule projection', start: () => schedule.start(), stop: () => schedule.stop() },
    { name: 'the outbox relay', start: () => relay.start(), stop: () => relay.stop() },
    { name: 'the durable scheduler', start: () => scheduler.start(), stop: () => scheduler.stop() },
    { name: 'the campaign-pledges consumer', start: () => pledges.start(), stop: () => pledges.stop() },
    { name: 'the campaign-payouts consumer', start: () => payouts.start(), stop: () => payouts.stop() },
  ];
  return { commands, submissions, catalog, tierStock, workers };
}
