import type { EntityManager } from 'typeorm';
import type { TierStockEvent } from '../tier-stock/tier-stock.events';
import { TierHoldView, type TierHoldStatus } from './tier-hold-view.entity';
import { TierView } from './tier-view.entity';

const STATUS_AFTER: Readonly<Record<TierStockEvent['type'], TierHoldStatus>> = {
  TierUnitReserved: 'held',
  TierUnitConfirmed: 'confirmed',
  TierUnitReleased: 'released',
};

/** A held or confirmed unit is out of stock; a released one is back. */
const takesAUnit = (status: TierHoldStatus | undefined): boolean => status === 'held' || status === 'confirmed';

/**
 * Folds a `tierstock-<campaignId>_<tierId>` event into the pledge's hold and its tier's `unitsTaken`.
 * Idempotent under replay: the hold keeps the stream position it last applied, and each event
 * concerns exactly one hold, so an event at or below it is skipped. Units move by the change in
 * the hold's status (reserve +1, release −1, confirm 0), which also covers a pledge reserving
 * again after its hold lapsed: it replaces its hold, as the stock decider does.
 */
export const projectTierStockEvent = async (m: EntityManager, event: TierStockEvent, position: number): Promise<void> => {
  const { tierId, pledgeId } = event.data;
  const previous = await m
    .createQueryBuilder(TierHoldView, 'hold')
    .where('hold.tierId = :tierId AND hold.pledgeId = :pledgeId', { tierId, pledgeId })
    .getOne();
  if (previous && previous.version >= position) return;
  // Only a reservation names the campaign; confirmations and releases follow one.
  const campaignId = event.type === 'TierUnitReserved' ? event.data.campaignId : previous?.campaignId;
  if (campaignId === undefined) return;
  const status = STATUS_AFTER[event.type];
  await m
    .createQueryBuilder()
    .insert()
    .into(TierHoldView)
    .values({ tierId, pledgeId, campaignId, reservationId: event.data.reservationId, status, version: position })
    .orUpdate(['campaign_id', 'reservation_id', 'status', 'version'], ['tier_id', 'pledge_id'])
    .updateEntity(false)
    .execute();
  const delta = Number(takesAUnit(status)) - Number(takesAUnit(previous?.status));
  if (delta === 0) return;
  await m
    .createQueryBuilder()
    .update(TierView)
    .set({ unitsTaken: () => (delta > 0 ? 'units_taken + 1' : 'units_taken - 1') })
    .where('campaignId = :campaignId AND tierId = :tierId', { campaignId, tierId })
    .updateEntity(false)
    .execute();
};
