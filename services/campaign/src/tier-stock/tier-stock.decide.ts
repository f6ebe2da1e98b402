import { IllegalStateError, type Decider } from '@elan/domain-kernel';
import { commandTime } from '../campaign/campaign-access';
import type {
  ConfirmTierUnit,
  ExpireTierReservations,
  ReleaseTierUnit,
  ReserveTierUnit,
  TierStockCommand,
} from './tier-stock.commands';
import type { TierStockEvent } from './tier-stock.events';
import { evolveTierStock, initialTierStock, isLive, unitsLeft, type TierStock } from './tier-stock.state';

/** Thrown when no unit is left: an expected outcome the caller turns into a "sold out" answer. */
export class TierSoldOutError extends IllegalStateError {}

const reserve = ({ data, metadata }: ReserveTierUnit, state: TierStock): TierStockEvent[] => {
  const { now, at } = commandTime(metadata);
  const existing = state.holds.get(data.pledgeId);
  // The same pledge asking again (a retry) keeps the unit it holds.
  if (existing && isLive(existing, now)) return [];
  if (!data.tier.campaignLive)
    throw new IllegalStateError('units can only be reserved while the campaign is live', { field: 'campaignId' });
  if (!data.tier.tierOpen) throw new IllegalStateError('this tier is closed', { field: 'tierId' });
  const left = unitsLeft(state, data.tier.quantityLimit, now);
  if (left !== null && left <= 0) throw new TierSoldOutError('this tier is sold out', { tierId: data.tierId });
  return [
    {
      type: 'TierUnitReserved',
      data: {
        tierId: data.tierId,
        campaignId: data.tier.campaignId,
        pledgeId: data.pledgeId,
        reservationId: data.reservationId,
        reservedAt: at,
        expiresAt: new Date(now.getTime() + data.holdMs).toISOString(),
      },
    },
  ];
};

const confirm = ({ data, metadata }: ConfirmTierUnit, state: TierStock): TierStockEvent[] => {
  const { now, at } = commandTime(metadata);
  const hold = state.holds.get(data.pledgeId);
  // The sweep's release of a lapsed hold does not take the pledge's chance away: as any hold
  // that expired, it is confirmed if a unit is still free (ADR 0007).
  const lapsed = hold?.status === 'released' && hold.releaseReason === 'expired';
  if (!hold || (hold.status === 'released' && !lapsed))
    throw new IllegalStateError('this pledge holds no unit of the tier', { field: 'pledgeId' });
  if (hold.status === 'confirmed') return [];
  // A hold that expired may still be confirmed if its unit was not taken meanwhile.
  if (lapsed || !isLive(hold, now)) {
    const left = unitsLeft(state, data.quantityLimit, now);
    if (left !== null && left <= 0)
      throw new TierSoldOutError('the hold expired and the tier is sold out', { tierId: data.tierId });
  }
  return [
    {
      type: 'TierUnitConfirmed',
      data: { tierId: data.tierId, reservationId: hold.reservationId, pledgeId: data.pledgeId, confirmedAt: at },
    },
  ];
};

const release = ({ data, metadata }: ReleaseTierUnit, state: TierStock): TierStockEvent[] => {
  const hold = state.holds.get(data.pledgeId);
  if (!hold || hold.status === 'released') return [];
  return [
    {
      type: 'TierUnitReleased',
      data: {
        tierId: data.tierId,
        reservationId: hold.reservationId,
        pledgeId: data.pledgeId,
        reason: data.reason,
        releasedAt: commandTime(metadata).at,
      },
    },
  ];
};

const expire = ({ data, metadata }: ExpireTierReservations, state: TierStock): TierStockEvent[] => {
  const { now, at } = commandTime(metadata);
  return [...state.holds.values()]
    .filter((hold) => hold.status === 'held' && new Date(hold.expiresAt) <= now)
    .map((hold) => ({
      type: 'TierUnitReleased' as const,
      data: {
        tierId: data.tierId,
        reservationId: hold.reservationId,
        pledgeId: hold.pledgeId,
        reason: 'expired' as const,
        releasedAt: at,
      },
    }));
};

export const tierStockDecider: Decider<TierStockCommand, TierStockEvent, TierStock> = {
  decide: (command, state) => {
    switch (command.type) {
      case 'ReserveTierUnit':
        return reserve(command, state);
      case 'ConfirmTierUnit':
        return confirm(command, state);
      case 'ReleaseTierUnit':
        return release(command, state);
      case 'ExpireTierReservations':
        return expire(command, state);
    }
  },
  evolve: evolveTierStock,
  initialState: initialTierStock,
};
