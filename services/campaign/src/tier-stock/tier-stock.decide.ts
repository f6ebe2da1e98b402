import { IllegalStateError, type Decider } from '@elan/domain-kernel';
import type { ConfirmTierUnit, ExpireTierReservations, ReleaseTierUnit, ReserveTierUnit, TierStockCommand } from './tier-stock.commands';
import type { TierStockEvent } from './tier-stock.events';
import { evolveTierStock, initialTierStock, isLive, unitsLeft, type TierStock } from './tier-stock.state';

/** Thrown when no unit is left: an expected outcome the caller turns into a "sold out" answer. */
export class TierSoldOutError extends IllegalStateError {}

const reserve = ({ data }: ReserveTierUnit, state: TierStock): TierStockEvent[] => {
  const existing = state.reservations.get(data.pledgeId);
  // The same pledge asking again (a retry) keeps the unit it holds.
  if (existing && isLive(existing, data.now)) return [];
  if (!data.tier.campaignLive) throw new IllegalStateError('units can only be reserved while the campaign is live', { field: 'campaignId' });
  if (!data.tier.tierOpen) throw new IllegalStateError('this tier is closed', { field: 'tierId' });
  const left = unitsLeft(state, data.tier.quantityLimit, data.now);
  if (left !== null && left <= 0) throw new TierSoldOutError('this tier is sold out', { tierId: data.tierId });
  return [
    {
      type: 'TierUnitReserved',
      data: {
        tierId: data.tierId,
        campaignId: data.tier.campaignId,
        pledgeId: data.pledgeId,
        reservationId: data.reservationId,
        reservedAt: data.now.toISOString(),
        expiresAt: new Date(data.now.getTime() + data.holdMs).toISOString(),
      },
    },
  ];
};

const confirm = ({ data }: ConfirmTierUnit, state: TierStock): TierStockEvent[] => {
  const reservation = state.reservations.get(data.pledgeId);
  if (!reservation || reservation.status === 'released')
    throw new IllegalStateError('this pledge holds no unit of the tier', { field: 'pledgeId' });
  if (reservation.status === 'confirmed') return [];
  // A hold that expired may still be confirmed if its unit was not taken meanwhile.
  if (!isLive(reservation, data.now)) {
    const left = unitsLeft(state, data.quantityLimit, data.now);
    if (left !== null && left <= 0) throw new TierSoldOutError('the hold expired and the tier is sold out', { tierId: data.tierId });
  }
  return [
    {
      type: 'TierUnitConfirmed',
      data: { tierId: data.tierId, reservationId: reservation.reservationId, pledgeId: data.pledgeId, confirmedAt: data.now.toISOString() },
    },
  ];
};

const release = ({ data }: ReleaseTierUnit, state: TierStock): TierStockEvent[] => {
  const reservation = state.reservations.get(data.pledgeId);
  if (!reservation || reservation.status === 'released') return [];
  return [
    {
      type: 'TierUnitReleased',
      data: {
        tierId: data.tierId,
        reservationId: reservation.reservationId,
        pledgeId: data.pledgeId,
        reason: data.reason,
        releasedAt: data.now.toISOString(),
      },
    },
  ];
};

const expire = ({ data }: ExpireTierReservations, state: TierStock): TierStockEvent[] =>
  [...state.reservations.values()]
    .filter((r) => r.status === 'held' && new Date(r.expiresAt) <= data.now)
    .map((r) => ({
      type: 'TierUnitReleased' as const,
      data: { tierId: data.tierId, reservationId: r.reservationId, pledgeId: r.pledgeId, reason: 'expired' as const, releasedAt: data.now.toISOString() },
    }));

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
