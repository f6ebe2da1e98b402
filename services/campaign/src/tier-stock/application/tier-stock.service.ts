import type { PoolClient } from 'pg';
import { uuidv7, type Clock } from '@elan/domain-kernel';
import { handleCommand, withStreamLock, type PostgresEventStore } from '@elan/event-store';
import type { TierFacts } from '../tier-stock.commands';
import { TierSoldOutError, tierStockDecider } from '../tier-stock.decide';
import type { ReleaseReason, TierStockEvent } from '../tier-stock.events';

/** Arranges, in the reservation's transaction, for its expiry to be recorded when it lapses. */
export type HoldExpiryScheduler = (
  client: PoolClient,
  hold: { readonly campaignId: string; readonly tierId: string; readonly reservationId: string; readonly expiresAt: Date },
) => Promise<void>;

/** Reads what the campaign says about a tier, inside the stock's transaction. */
export type TierFactsReader = (campaignId: string, tierId: string, client: PoolClient) => Promise<TierFacts>;

export type Reservation =
  | { readonly outcome: 'reserved'; readonly reservationId: string; readonly expiresAt: string }
  | { readonly outcome: 'sold_out' };

export const DEFAULT_HOLD_MS = 30 * 60_000;

/**
 * `tierstock-<campaignId>_<tierId>`: tier ids are chosen by holders, so the campaign is part of
 * the key — a tier id reused in another campaign never shares its stock.
 */
export const tierStockStream = (campaignId: string, tierId: string): string => `tierstock-${campaignId}_${tierId}`;

/**
 * Tier stock without overselling (ADR 0007). Every decision on a tier's stock runs under that
 * stream's lock: hundreds of contributors racing for the last units queue for a few
 * milliseconds each instead of failing optimistic retries, and exactly the limit is handed out.
 */
export class TierStockService {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly clock: Clock,
    private readonly tierFacts: TierFactsReader,
    private readonly holdMs: number = DEFAULT_HOLD_MS,
    private readonly scheduleExpiry?: HoldExpiryScheduler,
  ) {}

  reserve(request: { campaignId: string; tierId: string; pledgeId: string }): Promise<Reservation> {
    const streamId = tierStockStream(request.campaignId, request.tierId);
    return withStreamLock(this.store, streamId, async (client) => {
      const tier = await this.tierFacts(request.campaignId, request.tierId, client);
      try {
        const { state, newEvents } = await handleCommand(
          this.store,
          streamId,
          tierStockDecider,
          {
            type: 'ReserveTierUnit',
            data: { ...request, reservationId: uuidv7(), tier, now: this.clock.now(), holdMs: this.holdMs },
          },
          { client, maxAttempts: 1, toDomainEvent: (event) => event as unknown as TierStockEvent },
        );
        const held = state.reservations.get(request.pledgeId);
        if (!held) throw new Error('a reservation decided without a hold');
        if (newEvents.length > 0)
          await this.scheduleExpiry?.(client, { ...request, reservationId: held.reservationId, expiresAt: new Date(held.expiresAt) });
        return { outcome: 'reserved', reservationId: held.reservationId, expiresAt: held.expiresAt };
      } catch (error) {
        if (error instanceof TierSoldOutError) return { outcome: 'sold_out' };
        throw error;
      }
    });
  }

  confirm(request: { campaignId: string; tierId: string; pledgeId: string }): Promise<void> {
    return this.decide(request.campaignId, request.tierId, async (client) => ({
      type: 'ConfirmTierUnit',
      data: {
        tierId: request.tierId,
        pledgeId: request.pledgeId,
        quantityLimit: (await this.tierFacts(request.campaignId, request.tierId, client)).quantityLimit,
        now: this.clock.now(),
      },
    }));
  }

  release(request: { campaignId: string; tierId: string; pledgeId: string; reason: Exclude<ReleaseReason, 'expired'> }): Promise<void> {
    return this.decide(request.campaignId, request.tierId, async () => ({
      type: 'ReleaseTierUnit',
      data: { tierId: request.tierId, pledgeId: request.pledgeId, reason: request.reason, now: this.clock.now() },
    }));
  }

  /** Records the release of holds past their expiry, so read models count the units again. */
  expireHolds(campaignId: string, tierId: string): Promise<void> {
    return this.decide(campaignId, tierId, async () => ({ type: 'ExpireTierReservations', data: { tierId, now: this.clock.now() } }));
  }

  private decide(
    campaignId: string,
    tierId: string,
    command: (client: PoolClient) => Promise<Parameters<typeof tierStockDecider.decide>[0]>,
  ): Promise<void> {
    const streamId = tierStockStream(campaignId, tierId);
    return withStreamLock(this.store, streamId, async (client) => {
      await handleCommand(this.store, streamId, tierStockDecider, await command(client), {
        client,
        maxAttempts: 1,
        toDomainEvent: (event) => event as unknown as TierStockEvent,
      });
    });
  }
}
