import { IllegalStateError } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import type { ReserveTierUnit, TierFacts } from './tier-stock.commands';
import { TierSoldOutError, tierStockDecider } from './tier-stock.decide';
import type { TierStockEvent } from './tier-stock.events';

const given = DeciderSpecification.for(tierStockDecider);
const tierId = '0190a000-0000-7000-8000-0000000000t1';
const campaignId = '0190a000-0000-7000-8000-0000000000c1';
const now = new Date('2026-12-01T10:00:00.000Z');
const HOLD_MS = 30 * 60_000;
const openTier: TierFacts = { campaignId, campaignLive: true, tierOpen: true, quantityLimit: 2 };

const reserve = (pledge: string, at = now, tier: TierFacts = openTier): ReserveTierUnit => ({
  type: 'ReserveTierUnit',
  data: { tierId, pledgeId: `pledge-${pledge}`, reservationId: `res-${pledge}`, tier, holdMs: HOLD_MS },
  metadata: { now: at },
});
const reserved = (pledge: string, at = now): TierStockEvent => ({
  type: 'TierUnitReserved',
  data: {
    tierId,
    campaignId,
    pledgeId: `pledge-${pledge}`,
    reservationId: `res-${pledge}`,
    reservedAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + HOLD_MS).toISOString(),
  },
});
const confirmed = (pledge: string, at = now): TierStockEvent => ({
  type: 'TierUnitConfirmed',
  data: { tierId, reservationId: `res-${pledge}`, pledgeId: `pledge-${pledge}`, confirmedAt: at.toISOString() },
});
const released = (pledge: string, reason: 'expired' | 'cancelled', at = now): TierStockEvent => ({
  type: 'TierUnitReleased',
  data: { tierId, reservationId: `res-${pledge}`, pledgeId: `pledge-${pledge}`, reason, releasedAt: at.toISOString() },
});
const later = (ms: number): Date => new Date(now.getTime() + ms);

describe('the stock of a limited tier', () => {
  it('reserves a unit while some are left', () =>
    given([])
      .when(reserve('a'))
      .then([reserved('a')]));

  it('is sold out when every unit is held or confirmed', () =>
    given([reserved('a'), reserved('b'), confirmed('b')])
      .when(reserve('c'))
      .thenThrows(TierSoldOutError));

  it('keeps the unit of a pledge that asks again', () =>
    given([reserved('a')])
      .when(reserve('a'))
      .thenNothingHappened());

  it('counts a hold past its expiry as free', () =>
    given([reserved('a'), reserved('b')])
      .when(reserve('c', later(HOLD_MS)))
      .then([reserved('c', later(HOLD_MS))]));

  it('takes a released unit back into the stock', () =>
    given([reserved('a'), reserved('b'), released('a', 'cancelled')])
      .when(reserve('c'))
      .then([reserved('c')]));

  it('never limits an unlimited tier', () =>
    given([reserved('a'), reserved('b')])
      .when(reserve('c', now, { ...openTier, quantityLimit: null }))
      .then([reserved('c')]));

  it('refuses a reservation when the campaign is not live or the tier closed', () => {
    given([])
      .when(reserve('a', now, { ...openTier, campaignLive: false }))
      .thenThrows(IllegalStateError);
    given([])
      .when(reserve('a', now, { ...openTier, tierOpen: false }))
      .thenThrows(IllegalStateError);
  });

  it('confirms a held unit, once', () => {
    given([reserved('a')])
      .when({ type: 'ConfirmTierUnit', data: { tierId, pledgeId: 'pledge-a', quantityLimit: 2 }, metadata: { now } })
      .then([confirmed('a')]);
    given([reserved('a'), confirmed('a')])
      .when({ type: 'ConfirmTierUnit', data: { tierId, pledgeId: 'pledge-a', quantityLimit: 2 }, metadata: { now } })
      .thenNothingHappened();
  });

  it('refuses to confirm an expired hold whose unit was taken meanwhile', () =>
    given([reserved('a'), reserved('b', later(HOLD_MS)), reserved('c', later(HOLD_MS))])
      .when({
        type: 'ConfirmTierUnit',
        data: { tierId, pledgeId: 'pledge-a', quantityLimit: 2 },
        metadata: { now: later(HOLD_MS + 1) },
      })
      .thenThrows(TierSoldOutError));

  it('confirms a hold the sweep released as expired while a unit is still free, and refuses it once none is', () => {
    const confirmLate = {
      type: 'ConfirmTierUnit' as const,
      data: { tierId, pledgeId: 'pledge-a', quantityLimit: 2 },
      metadata: { now: later(HOLD_MS + 1) },
    };
    given([reserved('a'), released('a', 'expired', later(HOLD_MS))])
      .when(confirmLate)
      .then([confirmed('a', later(HOLD_MS + 1))]);
    given([reserved('a'), released('a', 'expired', later(HOLD_MS)), reserved('b', later(HOLD_MS)), reserved('c', later(HOLD_MS))])
      .when(confirmLate)
      .thenThrows(TierSoldOutError);
  });

  it('refuses to confirm a unit released for another reason than its expiry', () =>
    given([reserved('a'), released('a', 'cancelled')])
      .when({ type: 'ConfirmTierUnit', data: { tierId, pledgeId: 'pledge-a', quantityLimit: 2 }, metadata: { now } })
      .thenThrows(IllegalStateError));

  it('refuses to confirm a unit the pledge never held', () =>
    given([])
      .when({ type: 'ConfirmTierUnit', data: { tierId, pledgeId: 'pledge-z', quantityLimit: 2 }, metadata: { now } })
      .thenThrows(IllegalStateError));

  it('releases a held or confirmed unit, and a second release changes nothing', () => {
    given([reserved('a'), confirmed('a')])
      .when({ type: 'ReleaseTierUnit', data: { tierId, pledgeId: 'pledge-a', reason: 'cancelled' }, metadata: { now } })
      .then([released('a', 'cancelled')]);
    given([reserved('a'), released('a', 'cancelled')])
      .when({ type: 'ReleaseTierUnit', data: { tierId, pledgeId: 'pledge-a', reason: 'cancelled' }, metadata: { now } })
      .thenNothingHappened();
  });

  it('takes its time from metadata.now only: a command without it is a wiring bug', () =>
    given([])
      .when({ ...reserve('a'), metadata: {} as ReserveTierUnit['metadata'] })
      .thenThrows(TypeError));

  it('sweeps the expired holds back into the stock', () =>
    given([reserved('a'), reserved('b', later(60_000)), confirmed('b')])
      .when({ type: 'ExpireTierReservations', data: { tierId }, metadata: { now: later(HOLD_MS) } })
      .then([released('a', 'expired', later(HOLD_MS))]));
});
