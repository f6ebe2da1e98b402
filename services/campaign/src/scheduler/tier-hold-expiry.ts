import type { TierStockService, HoldExpiryScheduler } from '../tier-stock/application/tier-stock.service';
import type { ScheduledHandler } from './durable-scheduler';
import { schedule, type ScheduledKind } from './scheduled-commands';

export const EXPIRE_HOLD = 'expire-hold' satisfies ScheduledKind;

/**
 * One scheduled check per hold, at its expiry (ADR 0007): decisions already ignore a lapsed hold,
 * but until its release is recorded the read models would still count the unit as taken.
 * The subject names the reservation, so holds never move each other's checks.
 */
export const scheduleHoldExpiry =
  (schema: string): HoldExpiryScheduler =>
  (client, hold) =>
    schedule(client, schema, EXPIRE_HOLD, `${hold.campaignId}/${hold.tierId}/${hold.reservationId}`, hold.expiresAt);

export const tierHoldExpiryHandlers = (stock: TierStockService): Record<typeof EXPIRE_HOLD, ScheduledHandler> => ({
  [EXPIRE_HOLD]: async (command) => {
    const [campaignId, tierId] = command.subjectId.split('/');
    if (!campaignId || !tierId) throw new Error(`malformed hold subject ${command.subjectId}`);
    // Releases every hold of the tier that has lapsed by now: confirmed or released ones stay.
    await stock.expireHolds(campaignId, tierId);
  },
});
