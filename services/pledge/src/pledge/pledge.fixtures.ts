import { add, eur, money, type Money } from '@elan/domain-kernel';
import type { ActorMetadata, TimedMetadata } from './pledge.commands';
import type * as C from './pledge.commands';
import type * as E from './pledge.events';
import {
  sealedText,
  type CampaignFacts,
  type FundingModel,
  type PledgeTier,
  type SealedText,
  type Settlement,
  type TipChoice,
} from './pledge.values';

/**
 * Builders for pledge tests: fixed ids, a fixed clock, and one pledge of 25 € with a 3 € tip on
 * a live campaign whose deadline is 2025-04-09T09:00Z. Builders agree with each other, so a test
 * states only what it is about.
 */

export const PLEDGE_ID = '01950000-0000-7000-8000-00000000a001';
export const CAMPAIGN_ID = '01950000-0000-7000-8000-00000000c001';
export const HOLDER_ID = '01950000-0000-7000-8000-000000000001';
export const CONTRIBUTOR_ID = '01950000-0000-7000-8000-000000000002';
export const STRANGER_ID = '01950000-0000-7000-8000-000000000003';
export const ADMIN_ID = '01950000-0000-7000-8000-000000000004';
export const TIER_ID = '01950000-0000-7000-8000-00000000d001';
export const OTHER_TIER_ID = '01950000-0000-7000-8000-00000000d002';
export const HOLD_ID = '01950000-0000-7000-8000-00000000b001';
export const OTHER_HOLD_ID = '01950000-0000-7000-8000-00000000b002';
export const TIP_ID = '01950000-0000-7000-8000-00000000e001';
export const PAYMENT_INTENT_ID = 'pi_0001';
export const OTHER_PAYMENT_INTENT_ID = 'pi_0002';
export const SETUP_INTENT_ID = 'seti_0001';
export const GUEST_TOKEN_HASH = 'sha256:5f0c…guest';

export const NOW = new Date('2025-03-15T09:00:00.000Z');
export const DEADLINE = '2025-04-09T09:00:00.000Z';
export const HOLD_EXPIRES_AT = '2025-03-15T09:30:00.000Z';
/** After the deadline: when the scheduler collects an all-or-nothing campaign that succeeded. */
export const AFTER_DEADLINE = new Date('2025-04-09T09:05:00.000Z');

export const AMOUNT: Money = eur(2_500);
export const TIP: TipChoice = { amount: eur(300), tipId: TIP_ID };
export const NO_TIP: TipChoice = { amount: eur(0) };

/** An instant `ms` milliseconds after (or before, when negative) an ISO instant. */
export const shifted = (instant: string, ms: number): Date => new Date(Date.parse(instant) + ms);
export const iso = (date: Date): string => date.toISOString();

export const asContributor = (now: Date = NOW): ActorMetadata => ({ now, actor: CONTRIBUTOR_ID, roles: ['contributor'] });
export const asGuest = (now: Date = NOW, guestTokenHash: string = GUEST_TOKEN_HASH): ActorMetadata => ({
  now,
  actor: 'guest',
  roles: [],
  guestTokenHash,
});
export const asHolder = (now: Date = NOW): ActorMetadata => ({ now, actor: HOLDER_ID, roles: ['contributor', 'holder'] });
export const asStranger = (now: Date = NOW): ActorMetadata => ({ now, actor: STRANGER_ID, roles: ['contributor'] });
export const asAdmin = (now: Date = NOW): ActorMetadata => ({ now, actor: ADMIN_ID, roles: ['contributor', 'admin'] });
export const bySystem = (now: Date = NOW): TimedMetadata => ({ now, actor: 'pledge' });

export const liveCampaign = (overrides: Partial<CampaignFacts> = {}): CampaignFacts => ({
  campaignId: CAMPAIGN_ID,
  holderId: HOLDER_ID,
  fundingModel: 'keep_it_all',
  deadline: DEADLINE,
  status: 'live',
  ...overrides,
});

/** A tier of 20 € with 100 units. */
export const LIMITED_TIER: PledgeTier = { tierId: TIER_ID, minimum: eur(2_000), limited: true };
/** A tier of 10 € without a limit. */
export const OPEN_TIER: PledgeTier = { tierId: OTHER_TIER_ID, minimum: eur(1_000), limited: false };
export const HOLD = { holdId: HOLD_ID, expiresAt: HOLD_EXPIRES_AT };

const DETAILS = { name: sealedText('sealed:name'), email: sealedText('sealed:email'), showName: true };

// Commands

export const placePledge = (
  data: Partial<C.PlacePledge['data']> = {},
  metadata: ActorMetadata = asContributor(),
): C.PlacePledge => ({
  type: 'PlacePledge',
  data: {
    pledgeId: PLEDGE_ID,
    campaign: liveCampaign(),
    amount: AMOUNT,
    tip: TIP,
    contributor: { kind: 'account', accountId: CONTRIBUTOR_ID },
    details: DETAILS,
    ...data,
  },
  metadata,
});

export const placeLimitedPledge = (model: FundingModel = 'keep_it_all'): C.PlacePledge =>
  placePledge({ campaign: liveCampaign({ fundingModel: model }), tier: LIMITED_TIER, hold: HOLD });

export const requestPayment = (intentId: string = PAYMENT_INTENT_ID, now: Date = NOW): C.RequestPayment => ({
  type: 'RequestPayment',
  data: { pledgeId: PLEDGE_ID, intentId },
  metadata: bySystem(now),
});

export const confirmPayment = (
  confirmedAt: Date = NOW,
  intentId: string = PAYMENT_INTENT_ID,
  now: Date = NOW,
): C.ConfirmPayment => ({
  type: 'ConfirmPayment',
  data: { pledgeId: PLEDGE_ID, intentId, confirmedAt: iso(confirmedAt) },
  metadata: bySystem(now),
});

export const recordPaymentFailure = (
  intentId: string = PAYMENT_INTENT_ID,
  declineCode = 'card_declined',
): C.RecordPaymentFailure => ({
  type: 'RecordPaymentFailure',
  data: { pledgeId: PLEDGE_ID, intentId, declineCode },
  metadata: bySystem(),
});

export const abandonPledge = (): C.AbandonPledge => ({
  type: 'AbandonPledge',
  data: { pledgeId: PLEDGE_ID },
  metadata: bySystem(),
});

export const cancelPledge = (metadata: ActorMetadata = asContributor()): C.CancelPledge => ({
  type: 'CancelPledge',
  data: { pledgeId: PLEDGE_ID },
  metadata,
});

export const changePledge = (
  data: Partial<Omit<C.ChangePledge['data'], 'pledgeId'>> = {},
  metadata: ActorMetadata = asContributor(),
): C.ChangePledge => ({ type: 'ChangePledge', data: { pledgeId: PLEDGE_ID, amount: AMOUNT, ...data }, metadata });

export const requestCollection = (now: Date = AFTER_DEADLINE): C.RequestCollection => ({
  type: 'RequestCollection',
  data: { pledgeId: PLEDGE_ID },
  metadata: bySystem(now),
});

export const recordCollection = (paymentIntentId: string = PAYMENT_INTENT_ID): C.RecordCollection => ({
  type: 'RecordCollection',
  data: { pledgeId: PLEDGE_ID, paymentIntentId, collectedAt: iso(AFTER_DEADLINE) },
  metadata: bySystem(AFTER_DEADLINE),
});

export const recordCollectionDecline = (
  now: Date = AFTER_DEADLINE,
  declineCode = 'insufficient_funds',
): C.RecordCollectionDecline => ({
  type: 'RecordCollectionDecline',
  data: { pledgeId: PLEDGE_ID, declineCode },
  metadata: bySystem(now),
});

export const updateCard = (metadata: ActorMetadata = asContributor(shifted(DEADLINE, 60 * 60 * 1000))): C.UpdateCard => ({
  type: 'UpdateCard',
  data: { pledgeId: PLEDGE_ID, setupIntentId: 'seti_0002' },
  metadata,
});

export const dropPledge = (now: Date): C.DropPledge => ({
  type: 'DropPledge',
  data: { pledgeId: PLEDGE_ID },
  metadata: bySystem(now),
});

export const releasePledge = (reason: C.ReleasePledge['data']['reason'] = 'campaign_failed'): C.ReleasePledge => ({
  type: 'ReleasePledge',
  data: { pledgeId: PLEDGE_ID, reason },
  metadata: bySystem(AFTER_DEADLINE),
});

export const requestRefund = (metadata: ActorMetadata = asContributor(), reason?: SealedText): C.RequestRefund => ({
  type: 'RequestRefund',
  data: { pledgeId: PLEDGE_ID, ...(reason !== undefined && { reason }) },
  metadata,
});

export const grantRefund = (metadata: ActorMetadata = asHolder()): C.GrantRefund => ({
  type: 'GrantRefund',
  data: { pledgeId: PLEDGE_ID },
  metadata,
});

// Events

export const settlement = (
  charged: boolean,
  tip: TipChoice = TIP,
  amount: Money = AMOUNT,
  paymentIntentId: string = PAYMENT_INTENT_ID,
): Settlement => ({
  amount,
  ...(charged && { paymentIntentId }),
  pledgeRefund: charged ? amount : money(0, amount.currency),
  tip,
  charged,
});

export const pledgePlaced = (data: Partial<E.PledgePlaced['data']> = {}): E.PledgePlaced => ({
  type: 'PledgePlaced',
  data: {
    pledgeId: PLEDGE_ID,
    campaignId: CAMPAIGN_ID,
    holderId: HOLDER_ID,
    fundingModel: 'keep_it_all',
    deadline: DEADLINE,
    amount: AMOUNT,
    tip: TIP,
    contributor: { kind: 'account', accountId: CONTRIBUTOR_ID },
    details: DETAILS,
    placedAt: iso(NOW),
    ...data,
  },
});

export const tierUnitHeld = (holdId: string = HOLD_ID, tierId: string = TIER_ID): E.TierUnitHeld => ({
  type: 'TierUnitHeld',
  data: { pledgeId: PLEDGE_ID, campaignId: CAMPAIGN_ID, tierId, holdId, expiresAt: HOLD_EXPIRES_AT },
});

export const tierUnitReleased = (
  reason: E.TierUnitReleaseReason,
  holdId: string = HOLD_ID,
  tierId: string = TIER_ID,
): E.TierUnitReleased => ({
  type: 'TierUnitReleased',
  data: { pledgeId: PLEDGE_ID, campaignId: CAMPAIGN_ID, tierId, holdId, reason },
});

export const paymentRequested = (paymentIntentId: string = PAYMENT_INTENT_ID, at: Date = NOW): E.PaymentRequested => ({
  type: 'PaymentRequested',
  data: { pledgeId: PLEDGE_ID, paymentIntentId, amount: AMOUNT, tip: TIP, total: add(AMOUNT, TIP.amount), requestedAt: iso(at) },
});

export const cardSetupRequested = (setupIntentId: string = SETUP_INTENT_ID): E.CardSetupRequested => ({
  type: 'CardSetupRequested',
  data: { pledgeId: PLEDGE_ID, setupIntentId, requestedAt: iso(NOW) },
});

export const paymentFailed = (intentId: string = PAYMENT_INTENT_ID, declineCode = 'card_declined'): E.PaymentFailed => ({
  type: 'PaymentFailed',
  data: { pledgeId: PLEDGE_ID, intentId, declineCode, failedAt: iso(NOW) },
});

export const pledgeCommitted = (data: Partial<E.PledgeCommitted['data']> = {}): E.PledgeCommitted => ({
  type: 'PledgeCommitted',
  data: {
    pledgeId: PLEDGE_ID,
    campaignId: CAMPAIGN_ID,
    fundingModel: 'keep_it_all',
    amount: AMOUNT,
    tip: TIP,
    charged: true,
    committedAt: iso(NOW),
    intentId: data.fundingModel === 'all_or_nothing' ? SETUP_INTENT_ID : PAYMENT_INTENT_ID,
    contributor: { kind: 'account', accountId: CONTRIBUTOR_ID },
    ...data,
  },
});

export const latePledgeRefused = (confirmedAt: Date, charged = true): E.LatePledgeRefused => ({
  type: 'LatePledgeRefused',
  data: {
    pledgeId: PLEDGE_ID,
    campaignId: CAMPAIGN_ID,
    confirmedAt: iso(confirmedAt),
    deadline: DEADLINE,
    settlement: settlement(charged),
  },
});

export const pledgeAbandoned = (): E.PledgeAbandoned => ({
  type: 'PledgeAbandoned',
  data: { pledgeId: PLEDGE_ID, campaignId: CAMPAIGN_ID, settlement: settlement(false), abandonedAt: iso(NOW) },
});

export const pledgeCancelled = (charged = true, at: Date = NOW): E.PledgeCancelled => ({
  type: 'PledgeCancelled',
  data: { pledgeId: PLEDGE_ID, campaignId: CAMPAIGN_ID, settlement: settlement(charged), cancelledAt: iso(at) },
});

export const collectionRequested = (attempt = 1, at: Date = AFTER_DEADLINE): E.CollectionRequested => ({
  type: 'CollectionRequested',
  data: {
    pledgeId: PLEDGE_ID,
    campaignId: CAMPAIGN_ID,
    amount: AMOUNT,
    tip: TIP,
    total: add(AMOUNT, TIP.amount),
    attempt,
    idempotencyKey: `pledge-${PLEDGE_ID}-collection-${attempt}`,
    requestedAt: iso(at),
  },
});

export const pledgeCollected = (paymentIntentId: string = PAYMENT_INTENT_ID): E.PledgeCollected => ({
  type: 'PledgeCollected',
  data: {
    pledgeId: PLEDGE_ID,
    campaignId: CAMPAIGN_ID,
    amount: AMOUNT,
    tip: TIP,
    paymentIntentId,
    collectedAt: iso(AFTER_DEADLINE),
  },
});

/** The retry window of the default rules: 7 days after the first decline. */
export const RETRY_UNTIL = iso(new Date(AFTER_DEADLINE.getTime() + 7 * 24 * 60 * 60 * 1000));

export const collectionDeclined = (
  attempt = 1,
  retryUntil: string = RETRY_UNTIL,
  at: Date = AFTER_DEADLINE,
): E.CollectionDeclined => ({
  type: 'CollectionDeclined',
  data: {
    pledgeId: PLEDGE_ID,
    campaignId: CAMPAIGN_ID,
    declineCode: 'insufficient_funds',
    attempt,
    retryUntil,
    declinedAt: iso(at),
  },
});

export const cardUpdated = (at: Date = shifted(DEADLINE, 60 * 60 * 1000)): E.CardUpdated => ({
  type: 'CardUpdated',
  data: { pledgeId: PLEDGE_ID, setupIntentId: 'seti_0002', updatedAt: iso(at) },
});

export const pledgeDropped = (at: Date): E.PledgeDropped => ({
  type: 'PledgeDropped',
  data: { pledgeId: PLEDGE_ID, campaignId: CAMPAIGN_ID, settlement: settlement(false), droppedAt: iso(at) },
});

export const pledgeReleased = (reason: E.PledgeReleased['data']['reason'] = 'campaign_failed'): E.PledgeReleased => ({
  type: 'PledgeReleased',
  data: { pledgeId: PLEDGE_ID, campaignId: CAMPAIGN_ID, reason, settlement: settlement(false), releasedAt: iso(AFTER_DEADLINE) },
});

export const refundRequested = (reason?: SealedText): E.RefundRequested => ({
  type: 'RefundRequested',
  data: { pledgeId: PLEDGE_ID, campaignId: CAMPAIGN_ID, ...(reason !== undefined && { reason }), requestedAt: iso(NOW) },
});

export const pledgeRefunded = (refundedBy: string = HOLDER_ID, at: Date = NOW): E.PledgeRefunded => ({
  type: 'PledgeRefunded',
  data: { pledgeId: PLEDGE_ID, campaignId: CAMPAIGN_ID, settlement: settlement(true), refundedBy, refundedAt: iso(at) },
});

// Histories

/** A keep-it-all pledge of 25 € + 3 € tip waiting for the client to confirm its PaymentIntent. */
export const aKeepItAllAwaitingPayment = (): E.PledgeEvent[] => [pledgePlaced(), paymentRequested()];
export const aKeepItAllCommittedPledge = (): E.PledgeEvent[] => [...aKeepItAllAwaitingPayment(), pledgeCommitted()];

const allOrNothingPlaced = (): E.PledgePlaced => pledgePlaced({ fundingModel: 'all_or_nothing' });
export const anAllOrNothingAwaitingSetup = (): E.PledgeEvent[] => [allOrNothingPlaced(), cardSetupRequested()];
export const aCommittedAllOrNothing = (): E.PledgeEvent[] => [
  ...anAllOrNothingAwaitingSetup(),
  pledgeCommitted({ fundingModel: 'all_or_nothing', charged: false }),
];

/** An all-or-nothing pledge on the limited tier, holding a unit, committed. */
export const aCommittedLimitedAllOrNothing = (): E.PledgeEvent[] => [
  pledgePlaced({ fundingModel: 'all_or_nothing', tier: LIMITED_TIER }),
  tierUnitHeld(),
  cardSetupRequested(),
  pledgeCommitted({ fundingModel: 'all_or_nothing', charged: false, tierId: TIER_ID, holdId: HOLD_ID }),
];

export const aCollectingPledge = (): E.PledgeEvent[] => [...aCommittedAllOrNothing(), collectionRequested()];
export const aDeclinedCollection = (): E.PledgeEvent[] => [...aCollectingPledge(), collectionDeclined()];
export const aCollectedPledge = (): E.PledgeEvent[] => [...aCollectingPledge(), pledgeCollected()];
