import type { PoolClient } from 'pg';
import { uuidv7, type Clock } from '@elan/domain-kernel';
import { commandHandler, type CommandHandler, type LockedStream, type PostgresEventStore } from '@elan/event-store';
import type { TierFacts, TierStockCommand } from '../tier-stock.commands';
import { TierSoldOutError, tierStockDecider } from '../tier-stock.decide';
import type { ReleaseReason, TierStockEvent } from '../tier-stock.events';
import type { TierStock } from '../tier-stock.state';
import { KeyedQueue } from './keyed-queue';

/** Arranges, in the reservation's transaction, for its expiry to be recorded when it lapses. */
export type HoldExpiryScheduler = (
  client: PoolClient,
  hold: { readonly campaignId: string; readonly tierId: string; readonly reservationId: string; readonly expiresAt: Date },
) => Promise<void>;

/** Reads what the campaign says about a tier, inside the stock's transaction. */
export type TierFactsReader = (campaignId: string, tierId: string, client: PoolClient) => Promise<TierFacts>;

/** What a pledge asking for a unit is told: the hold it got, or that none is left. */
export type ReservationOutcome =
  | { readonly outcome: 'reserved'; readonly reservationId: string; readonly expiresAt: string }
  | { readonly outcome: 'sold_out' };

/** A tier's stock is named by its campaign and its tier. */
export interface TierRef {
  readonly campaignId: string;
  readonly tierId: string;
}

export const DEFAULT_HOLD_MS = 30 * 60_000;

/**
 * `tierstock-<campaignId>_<tierId>`: tier ids are chosen by holders, so the campaign is part of
 * the key — a tier id reused in another campaign never shares its stock.
 */
export const tierStockStream = (campaignId: string, tierId: string): string => `tierstock-${campaignId}_${tierId}`;

/**
 * Tier stock without overselling (ADR 0007). Every decision on a tier's stock runs under that
 * stream's lock (`CommandHandler.locked`): hundreds of contributors racing for the last units
 * queue for a few milliseconds each instead of failing optimistic retries, and exactly the
 * limit is handed out.
 */
export class TierStockService {
  private readonly stocks: CommandHandler<TierStockCommand, TierStockEvent, TierStock, TierRef>;
  /** Decisions on one tier wait their turn here, without a connection, then under its lock. */
  private readonly queue = new KeyedQueue();

  constructor(
    store: PostgresEventStore,
    private readonly clock: Clock,
    private readonly tierFacts: TierFactsReader,
    private readonly holdMs: number = DEFAULT_HOLD_MS,
    private readonly scheduleExpiry?: HoldExpiryScheduler,
  ) {
    this.stocks = commandHandler(store, tierStockDecider, {
      streamOf: ({ campaignId, tierId }) => tierStockStream(campaignId, tierId),
    });
  }

  reserve(request: TierRef & { readonly pledgeId: string }): Promise<ReservationOutcome> {
    return this.locked(request, async ({ client, handle }) => {
      const tier = await this.tierFacts(request.campaignId, request.tierId, client);
      try {
        const { state, newEvents } = await handle({
          type: 'ReserveTierUnit',
          data: { tierId: request.tierId, pledgeId: request.pledgeId, reservationId: uuidv7(), tier, holdMs: this.holdMs },
          metadata: this.now(),
        });
        const held = state.holds.get(request.pledgeId);
        if (!held) throw new Error('a reservation decided without a hold');
        if (newEvents.length > 0)
          await this.scheduleExpiry?.(client, {
            ...request,
            reservationId: held.reservationId,
            expiresAt: new Date(held.expiresAt),
          });
        return { outcome: 'reserved', reservationId: held.reservationId, expiresAt: held.expiresAt };
      } catch (error) {
        if (error instanceof TierSoldOutError) return { outcome: 'sold_out' };
        throw error;
      }
    });
  }

  confirm(request: TierRef & { readonly pledgeId: string }): Promise<void> {
    return this.locked(request, async ({ client, handle }) => {
      const { quantityLimit } = await this.tierFacts(request.campaignId, request.tierId, client);
      await handle({
        type: 'ConfirmTierUnit',
        data: { tierId: request.tierId, pledgeId: request.pledgeId, quantityLimit },
        metadata: this.now(),
      });
    });
  }

  release(request: TierRef & { readonly pledgeId: string; readonly reason: Exclude<ReleaseReason, 'expired'> }): Promise<void> {
    const { tierId, pledgeId, reason } = request;
    return this.locked(request, async ({ handle }) => {
      await handle({ type: 'ReleaseTierUnit', data: { tierId, pledgeId, reason }, metadata: this.now() });
    });
  }

  /** Records the release of holds past their expiry, so read models count the units again. */
  expireHolds(campaignId: string, tierId: string): Promise<void> {
    return this.locked({ campaignId, tierId }, async ({ handle }) => {
      await handle({ type: 'ExpireTierReservations', data: { tierId }, metadata: this.now() });
    });
  }

  /** The tier's turn in this process first, then its stream lock across replicas. */
  private locked<T>(
    tier: TierRef,
    work: (stream: LockedStream<TierStockCommand, TierStockEvent, TierStock>) => Promise<T>,
  ): Promise<T> {
    return this.queue.run(tierStockStream(tier.campaignId, tier.tierId), () => this.stocks.locked(tier, work));
  }

  /** Read at each decision, inside the stream's lock: decisions on one tier are in time order. */
  private now(): { readonly now: Date } {
    return { now: this.clock.now() };
  }
}
