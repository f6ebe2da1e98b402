import type { TierStockEvent } from './tier-stock.events';

export interface Reservation {
  readonly reservationId: string;
  readonly pledgeId: string;
  readonly expiresAt: string;
  readonly status: 'held' | 'confirmed' | 'released';
}

export interface TierStock {
  /** By pledge: a pledge holds at most one unit of a tier. */
  readonly reservations: ReadonlyMap<string, Reservation>;
}

export const initialTierStock = (): TierStock => ({ reservations: new Map() });

export const evolveTierStock = (state: TierStock, event: TierStockEvent): TierStock => {
  const reservations = new Map(state.reservations);
  switch (event.type) {
    case 'TierUnitReserved':
      reservations.set(event.data.pledgeId, {
        reservationId: event.data.reservationId,
        pledgeId: event.data.pledgeId,
        expiresAt: event.data.expiresAt,
        status: 'held',
      });
      break;
    case 'TierUnitConfirmed':
    case 'TierUnitReleased': {
      const reservation = reservations.get(event.data.pledgeId);
      if (reservation)
        reservations.set(event.data.pledgeId, {
          ...reservation,
          status: event.type === 'TierUnitConfirmed' ? 'confirmed' : 'released',
        });
      break;
    }
  }
  return { reservations };
};

/** A hold past its expiry no longer counts, whether or not its release was recorded yet. */
export const isLive = (reservation: Reservation, now: Date): boolean =>
  reservation.status === 'confirmed' || (reservation.status === 'held' && new Date(reservation.expiresAt) > now);

/** Units taken now: confirmed ones and holds that have not expired. */
export const unitsTaken = (state: TierStock, now: Date): number =>
  [...state.reservations.values()].filter((reservation) => isLive(reservation, now)).length;

export const unitsLeft = (state: TierStock, quantityLimit: number | null, now: Date): number | null =>
  quantityLimit === null ? null : Math.max(0, quantityLimit - unitsTaken(state, now));
