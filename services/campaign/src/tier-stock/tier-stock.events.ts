/**
 * The stock of one limited reward tier, in a stream of its own (`tierstock-<campaignId>_<tierId>`): units
 * are reserved before a payment is taken, confirmed when the pledge is committed, and released
 * when it is abandoned, cancelled or fails.
 */
export type TierStockEvent = TierUnitReserved | TierUnitConfirmed | TierUnitReleased;

export interface TierUnitReserved {
  readonly type: 'TierUnitReserved';
  readonly data: {
    readonly tierId: string;
    readonly campaignId: string;
    readonly pledgeId: string;
    readonly reservationId: string;
    readonly reservedAt: string;
    /** The unit goes back to the stock if the pledge is not committed by then. */
    readonly expiresAt: string;
  };
}

export interface TierUnitConfirmed {
  readonly type: 'TierUnitConfirmed';
  readonly data: {
    readonly tierId: string;
    readonly reservationId: string;
    readonly pledgeId: string;
    readonly confirmedAt: string;
  };
}

/** Why a unit went back to the stock. */
export type ReleaseReason = 'expired' | 'abandoned' | 'cancelled' | 'failed';

export interface TierUnitReleased {
  readonly type: 'TierUnitReleased';
  readonly data: {
    readonly tierId: string;
    readonly reservationId: string;
    readonly pledgeId: string;
    readonly reason: ReleaseReason;
    readonly releasedAt: string;
  };
}
