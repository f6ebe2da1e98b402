import type { PoolClient } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { PostgresEventStore, RecordedEvent, Subscription } from '@elan/event-store';
import type { CampaignEvent, CampaignEventType } from '../campaign/campaign.events';
import type { TierStockEvent } from '../tier-stock/tier-stock.events';
import { projectCampaignEvent } from './campaign-view.projection';
import { schemaOf } from './read-model.data-source';
import { projectTierStockEvent } from './tier-stock-view.projection';

/** The subscription's name: the key of its checkpoint. Renaming it rebuilds the read models. */
export const CAMPAIGN_READ_MODELS = 'campaign-read-models';

export interface CampaignReadModelsOptions {
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /** A failed batch is rolled back and retried after a back-off; this hears about it. */
  readonly onError?: (error: unknown) => void;
}

/** Every campaign event type, checked against the union so a new event cannot be forgotten here. */
const CAMPAIGN_EVENT_TYPES: Readonly<Record<CampaignEventType, true>> = {
  CampaignCreated: true,
  CampaignEdited: true,
  CampaignSubmitted: true,
  CampaignApproved: true,
  CampaignRejected: true,
  CampaignLaunched: true,
  CampaignDeadlineReached: true,
  CampaignSucceeded: true,
  CampaignFailed: true,
  CampaignEnded: true,
  CampaignCancelled: true,
  TierAdded: true,
  TierEdited: true,
  TierClosed: true,
  TierRemoved: true,
  CampaignUpdatePosted: true,
  CampaignPublicTextChanged: true,
  CampaignImageChangeProposed: true,
  CampaignImageRemoved: true,
  CampaignStretchGoalsAdded: true,
  CampaignImageChangeAcknowledged: true,
  CampaignImageChangeRefused: true,
  CampaignChangesAcknowledged: true,
};
const TIER_STOCK_EVENT_TYPES: Readonly<Record<TierStockEvent['type'], true>> = {
  TierUnitReserved: true,
  TierUnitConfirmed: true,
  TierUnitReleased: true,
};

const categoryOf = (streamId: string): string => streamId.slice(0, streamId.indexOf('-'));

/**
 * Folds a batch into the read models through `manager`, in log order. Events of other streams
 * or types (the service's log will hold more) are skipped.
 */
export const projectCampaignReadModels = async (manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> => {
  for (const event of events) {
    const category = categoryOf(event.streamId);
    if (category === 'campaign' && Object.hasOwn(CAMPAIGN_EVENT_TYPES, event.type))
      await projectCampaignEvent(manager, { type: event.type, data: event.data } as CampaignEvent, event.streamPosition);
    else if (category === 'tierstock' && Object.hasOwn(TIER_STOCK_EVENT_TYPES, event.type))
      await projectTierStockEvent(manager, { type: event.type, data: event.data } as TierStockEvent, event.streamPosition);
  }
};

const isPoolClient = (value: unknown): value is PoolClient =>
  typeof value === 'object' && value !== null && typeof (value as { query?: unknown }).query === 'function';

/**
 * The catch-up subscription that keeps the campaign read models. Each batch runs on a
 * connection TypeORM lends (`withConnection`): the subscription opens the transaction and locks
 * its checkpoint on it, the handler writes the entities through that QueryRunner's manager, and
 * the checkpoint update commits with them — all or nothing. Call `start()` on the result.
 */
export const campaignReadModelsProjection = (
  store: PostgresEventStore,
  dataSource: DataSource,
  options: CampaignReadModelsOptions = {},
): Subscription => {
  if (schemaOf(dataSource) !== store.schema)
    throw new Error(`the read models (schema ${schemaOf(dataSource)}) must live in the event store's schema (${store.schema})`);
  const runners = new WeakMap<PoolClient, QueryRunner>();
  return store.subscribe({
    name: CAMPAIGN_READ_MODELS,
    ...options,
    withConnection: async (work) => {
      const runner = dataSource.createQueryRunner();
      try {
        const connection: unknown = await runner.connect();
        if (!isPoolClient(connection)) throw new Error('TypeORM lent something that is not a pg client');
        runners.set(connection, runner);
        return await work(connection);
      } finally {
        await runner.release();
      }
    },
    handle: async (events, client) => {
      const runner = runners.get(client);
      if (!runner) throw new Error('a batch arrived on a connection TypeORM did not lend');
      await projectCampaignReadModels(runner.manager, events);
    },
  });
};
