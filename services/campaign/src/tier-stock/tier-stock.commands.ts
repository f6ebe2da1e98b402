import type { Command } from '@elan/domain-kernel';
import type { TimedMetadata } from '../campaign';
import type { ReleaseReason } from './tier-stock.events';

export type TierStockCommand = ReserveTierUnit | ConfirmTierUnit | ReleaseTierUnit | ExpireTierReservations;

/** As the campaign's commands: decided at `metadata.now`, which the handler takes from its clock. */
type TimedCommand<Type extends string, Data> = Command<Type, Data> & { readonly metadata: TimedMetadata };

/** What the campaign stream says about the tier, read by the handler before deciding. */
export interface TierFacts {
  readonly campaignId: string;
  readonly campaignLive: boolean;
  readonly tierOpen: boolean;
  /** null: unlimited. */
  readonly quantityLimit: number | null;
}

export type ReserveTierUnit = TimedCommand<
  'ReserveTierUnit',
  {
    readonly tierId: string;
    readonly pledgeId: string;
    readonly reservationId: string;
    readonly tier: TierFacts;
    readonly holdMs: number;
  }
>;

export type ConfirmTierUnit = TimedCommand<
  'ConfirmTierUnit',
  { readonly tierId: string; readonly pledgeId: string; readonly quantityLimit: number | null }
>;

export type ReleaseTierUnit = TimedCommand<
  'ReleaseTierUnit',
  { readonly tierId: string; readonly pledgeId: string; readonly reason: Exclude<ReleaseReason, 'expired'> }
>;

/** Swept by the scheduler so read models see expired holds go back to the stock. */
export type ExpireTierReservations = TimedCommand<'ExpireTierReservations', { readonly tierId: string }>;
