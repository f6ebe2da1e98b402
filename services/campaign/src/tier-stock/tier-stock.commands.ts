import type { ReleaseReason } from './tier-stock.events';

export type TierStockCommand = ReserveTierUnit | ConfirmTierUnit | ReleaseTierUnit | ExpireTierReservations;

/** What the campaign stream says about the tier, read by the handler before deciding. */
export interface TierFacts {
  readonly campaignId: string;
  readonly campaignLive: boolean;
  readonly tierOpen: boolean;
  /** null: unlimited. */
  readonly quantityLimit: number | null;
}

export interface ReserveTierUnit {
  readonly type: 'ReserveTierUnit';
  readonly data: {
    readonly tierId: string;
    readonly pledgeId: string;
    readonly reservationId: string;
    readonly tier: TierFacts;
    readonly now: Date;
    readonly holdMs: number;
  };
}

export interface ConfirmTierUnit {
  readonly type: 'ConfirmTierUnit';
  readonly data: { readonly tierId: string; readonly pledgeId: string; readonly quantityLimit: number | null; readonly now: Date };
}

export interface ReleaseTierUnit {
  readonly type: 'ReleaseTierUnit';
  readonly data: { readonly tierId: string; readonly pledgeId: string; readonly reason: Exclude<ReleaseReason, 'expired'>; readonly now: Date };
}

/** Swept by the scheduler so read models see expired holds go back to the stock. */
export interface ExpireTierReservations {
  readonly type: 'ExpireTierReservations';
  readonly data: { readonly tierId: string; readonly now: Date };
}
