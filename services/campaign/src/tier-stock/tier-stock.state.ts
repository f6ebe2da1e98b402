import type { ReleaseReason, TierStockEvent } from './tier-stock.events';

/** The unit of a tier one pledge took: held until it expires, or confirmed, or released. */
export interface TierHold {
  readonly reservationId: string;
  readonly pledgeId: string;
  readonly expiresAt: string;
  readonly status: 'held' | 'confirmed' | 'released';
  /** Why it went back, once released: a hold swept as `expired` may still be confirmed (ADR 0007). */
  readonly releaseReason?: ReleaseReason;
}

export interface TierStock {
  /** By pledge: a pledge holds at most one unit of a tier. */
  readonly holds: ReadonlyMap<string, TierHold>;
}

export const initialTierStock = (): TierStock => ({ holds: new Map() });

export const evolveTierStock = (state: TierStock, event: TierStockEvent): TierStock => {
  const holds = new Map(state.holds);
  switch (event.type) {
    case 'TierUnitReserved':
      holds.set(event.data.pledgeId, {
        reservationId: event.data.reservationId,
        pledgeId: event.data.pledgeId,
        expiresAt: event.data.expiresAt,
        status: 'held',
      });
      break;
    case 'TierUnitConfirmed': {
      const hold = holds.get(event.data.pledgeId);
      if (hold) {
        const { releaseReason: _confirmedAfterAll, ...rest } = hold;
        holds.set(event.data.pledgeId, { ...rest, status: 'confirmed' });
      }
      break;
    }
    case 'TierUnitReleased': {
      const hold = holds.get(event.data.pledgeId);
      if (hold) holds.set(event.data.pledgeId, { ...hold, status: 'released', releaseReason: event.data.reason });
      break;
    }
  }
  return { holds };
};

/** A hold past its expiry no longer counts, whether or not its release was recorded yet. */
export const isLive = (hold: TierHold, now: Date): boolean =>
  hold.status === 'confirmed' || (hold.status === 'held' && new Date(hold.expiresAt) > now);

/** Units taken now: confirmed ones and holds that have not expired. */
export const unitsTaken = (state: TierStock, now: Date): number =>
  [...state.holds.values()].filter((hold) => isLive(hold, now)).length;

export const unitsLeft = (state: TierStock, quantityLimit: number | null, now: Date): number | null =>
  quantityLimit === null ? null : Math.max(0, quantityLimit - unitsTaken(state, now));
