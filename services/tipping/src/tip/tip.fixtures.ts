import { eur, fixedClock, type Money } from '@elan/domain-kernel';
import { DAY_MS } from './tip-rules';
import type { ActorMetadata, TimedMetadata } from './tip.commands';
import type * as Commands from './tip.commands';
import type * as Events from './tip.events';

/**
 * Builders for tip tests: fixed ids, a fixed clock, and one tip (€3 with a €30 pledge) that every
 * builder agrees with, so a test states only what it is about.
 */

export const TIP_ID = '01950000-0000-7000-8000-0000000a0001';
export const PLEDGE_ID = '01950000-0000-7000-8000-0000000b0001';
export const OTHER_PLEDGE_ID = '01950000-0000-7000-8000-0000000b0002';
export const CAMPAIGN_ID = '01950000-0000-7000-8000-00000000c001';
export const CONTRIBUTOR_REF = '01950000-0000-7000-8000-000000000010';
export const STRANGER_ID = '01950000-0000-7000-8000-000000000002';
export const ADMIN_ID = '01950000-0000-7000-8000-000000000004';
export const PAYMENT_ID = 'pi_tip_0001';
export const OTHER_PAYMENT_ID = 'pi_tip_0002';

export const TIP: Money = eur(300);
export const PLEDGE: Money = eur(3_000);

/** The tip is offered at `NOW` and paid a day later, at `PAID_AT`. */
export const clock = fixedClock(new Date('2025-03-01T09:00:00.000Z'));
export const NOW = clock.now().toISOString();
export const PAID_AT = '2025-03-02T09:00:00.000Z';

/** An instant `ms` milliseconds after (or before, when negative) an ISO instant. */
export const shifted = (instant: string, ms: number): Date => new Date(Date.parse(instant) + ms);
/** `days` days after payment. */
export const daysAfterPayment = (days: number): Date => shifted(PAID_AT, days * DAY_MS);

export const bySystem = (now: Date = clock.now()): TimedMetadata => ({ now, actor: 'tipping' });
export const asContributor = (now: Date = clock.now()): ActorMetadata => ({
  now,
  actor: CONTRIBUTOR_REF,
  roles: ['contributor'],
});
export const asStranger = (now: Date = clock.now()): ActorMetadata => ({ now, actor: STRANGER_ID, roles: ['contributor'] });
export const asAdmin = (now: Date = clock.now()): ActorMetadata => ({ now, actor: ADMIN_ID, roles: ['contributor', 'admin'] });

// Commands

export const offerTip = (data: Partial<Commands.OfferTip['data']> = {}, now?: Date): Commands.OfferTip => ({
  type: 'OfferTip',
  data: {
    tipId: TIP_ID,
    pledgeId: PLEDGE_ID,
    campaignId: CAMPAIGN_ID,
    contributorRef: CONTRIBUTOR_REF,
    amount: TIP,
    pledgeAmount: PLEDGE,
    ...data,
  },
  metadata: bySystem(now),
});

export const recordTipPayment = (
  data: Partial<Commands.RecordTipPayment['data']> = {},
  now: Date = new Date(PAID_AT),
): Commands.RecordTipPayment => ({
  type: 'RecordTipPayment',
  data: { tipId: TIP_ID, pledgeId: PLEDGE_ID, paymentId: PAYMENT_ID, ...data },
  metadata: bySystem(now),
});

export const refundTip = (metadata: ActorMetadata = asContributor(daysAfterPayment(1))): Commands.RefundTip => ({
  type: 'RefundTip',
  data: { tipId: TIP_ID },
  metadata,
});

export const refundTipWithPledge = (
  data: Partial<Commands.RefundTipWithPledge['data']> = {},
  now: Date = daysAfterPayment(40),
): Commands.RefundTipWithPledge => ({
  type: 'RefundTipWithPledge',
  data: { tipId: TIP_ID, pledgeId: PLEDGE_ID, ...data },
  metadata: bySystem(now),
});

export const releaseTipWithPledge = (
  data: Partial<Commands.ReleaseTipWithPledge['data']> = {},
  now: Date = shifted(NOW, 10 * DAY_MS),
): Commands.ReleaseTipWithPledge => ({
  type: 'ReleaseTipWithPledge',
  data: { tipId: TIP_ID, pledgeId: PLEDGE_ID, ...data },
  metadata: bySystem(now),
});

// Events

export const tipOffered = (data: Partial<Events.TipOffered['data']> = {}): Events.TipOffered => ({
  type: 'TipOffered',
  data: {
    tipId: TIP_ID,
    pledgeId: PLEDGE_ID,
    campaignId: CAMPAIGN_ID,
    contributorRef: CONTRIBUTOR_REF,
    amount: TIP,
    pledgeAmount: PLEDGE,
    offeredAt: NOW,
    ...data,
  },
});

export const tipPaid = (data: Partial<Events.TipPaid['data']> = {}): Events.TipPaid => ({
  type: 'TipPaid',
  data: { tipId: TIP_ID, pledgeId: PLEDGE_ID, paymentId: PAYMENT_ID, amount: TIP, paidAt: PAID_AT, ...data },
});

export const tipRefunded = (data: Partial<Events.TipRefunded['data']> = {}): Events.TipRefunded => ({
  type: 'TipRefunded',
  data: {
    tipId: TIP_ID,
    pledgeId: PLEDGE_ID,
    amount: TIP,
    refundedBy: CONTRIBUTOR_REF,
    requestedAs: 'contributor',
    refundedAt: daysAfterPayment(1).toISOString(),
    ...data,
  },
});

export const tipRefundedWithPledge = (
  data: Partial<Events.TipRefundedWithPledge['data']> = {},
): Events.TipRefundedWithPledge => ({
  type: 'TipRefundedWithPledge',
  data: { tipId: TIP_ID, pledgeId: PLEDGE_ID, amount: TIP, refundedAt: daysAfterPayment(40).toISOString(), ...data },
});

export const tipReleased = (data: Partial<Events.TipReleased['data']> = {}): Events.TipReleased => ({
  type: 'TipReleased',
  data: { tipId: TIP_ID, pledgeId: PLEDGE_ID, releasedAt: shifted(NOW, 10 * DAY_MS).toISOString(), ...data },
});

// Histories

export const anOfferedTip = (amount: Money = TIP): Events.TipEvent[] => [tipOffered({ amount })];
export const aPaidTip = (amount: Money = TIP): Events.TipEvent[] => [tipOffered({ amount }), tipPaid({ amount })];
