import { add, IllegalStateError } from '@elan/domain-kernel';
import { commandTime, existing, requireContributor, requireStatus, settlementOf, timeOf } from './pledge-access';
import type { PledgeRules } from './pledge-rules';
import type {
  DropPledge,
  RecordCollection,
  RecordCollectionDecline,
  ReleasePledge,
  RequestCollection,
  UpdateCard,
} from './pledge.commands';
import type {
  CardUpdated,
  CollectionDeclined,
  CollectionRequested,
  PledgeCollected,
  PledgeDropped,
  PledgeRefunded,
  PledgeReleased,
  TierUnitReleased,
} from './pledge.events';
import { isIn, type ExistingPledge, type PledgeState } from './pledge.state';
import { releasedUnit } from './pledge-payment.decide';

/** All-or-nothing after the outcome: collect every committed pledge at success, release them all otherwise. */

const requireAllOrNothing = (pledge: ExistingPledge, action: string): void => {
  if (pledge.fundingModel !== 'all_or_nothing')
    throw new IllegalStateError(`a ${pledge.fundingModel} pledge cannot ${action}`, { fundingModel: pledge.fundingModel });
};

/** Stripe keeps the key 24 h at least: one key per attempt, so a retried attempt charges once and a new card charges anew. */
export const collectionKey = (pledgeId: string, attempt: number): string => `pledge-${pledgeId}-collection-${attempt}`;

/** At success, or again once the card is updated within the window; repeating it while collecting changes nothing. */
export const requestCollection = (command: RequestCollection, state: PledgeState): CollectionRequested | [] => {
  const { data, metadata } = command;
  const pledge = existing(state, data.pledgeId);
  requireAllOrNothing(pledge, 'be collected');
  if (isIn(pledge, ['collecting', 'collected'])) return [];
  const ready = requireStatus(pledge, ['committed', 'card_updated'], 'be collected');
  const { now, at } = commandTime(metadata);
  if (now.getTime() < timeOf(ready.deadline))
    throw new IllegalStateError('a pledge is collected only after the deadline', { deadline: ready.deadline });
  if (ready.status === 'card_updated' && ready.retryUntil !== undefined && now.getTime() >= timeOf(ready.retryUntil))
    throw new IllegalStateError('the retry window has closed', { retryUntil: ready.retryUntil });
  const attempt = ready.status === 'card_updated' ? ready.attempt + 1 : 1;
  const { pledgeId, campaignId, amount, tip } = ready;
  return {
    type: 'CollectionRequested',
    data: {
      pledgeId,
      campaignId,
      amount,
      tip,
      total: add(amount, tip.amount),
      attempt,
      idempotencyKey: collectionKey(pledgeId, attempt),
      requestedAt: at,
    },
  };
};

export const recordCollection = (command: RecordCollection, state: PledgeState): PledgeCollected | [] => {
  const { data } = command;
  const pledge = existing(state, data.pledgeId);
  if (pledge.status === 'collected' && pledge.paymentIntentId === data.paymentIntentId) return [];
  // A declined payment may still succeed (the contributor authenticates it on-session): money taken is recorded.
  const collecting = requireStatus(pledge, ['collecting', 'collection_declined', 'card_updated'], 'record a collection');
  const { pledgeId, campaignId, amount, tip } = collecting;
  return {
    type: 'PledgeCollected',
    data: { pledgeId, campaignId, amount, tip, paymentIntentId: data.paymentIntentId, collectedAt: data.collectedAt },
  };
};

/** A decline opens the retry window at the first decline; later declines keep its end. */
export const recordCollectionDecline = (
  command: RecordCollectionDecline,
  state: PledgeState,
  rules: PledgeRules,
): CollectionDeclined | [] => {
  const { data, metadata } = command;
  const pledge = existing(state, data.pledgeId);
  // A duplicate, or a decline arriving after the success it preceded, changes nothing.
  if (isIn(pledge, ['collection_declined', 'collected'])) return [];
  const collecting = requireStatus(pledge, ['collecting'], 'record a declined collection');
  const { now, at } = commandTime(metadata);
  const retryUntil = collecting.retryUntil ?? new Date(now.getTime() + rules.retryWindowMs).toISOString();
  const { pledgeId, campaignId, attempt } = collecting;
  return {
    type: 'CollectionDeclined',
    data: { pledgeId, campaignId, declineCode: data.declineCode, attempt, retryUntil, declinedAt: at },
  };
};

export const updateCard = (command: UpdateCard, state: PledgeState): CardUpdated => {
  const { data, metadata } = command;
  const pledge = existing(state, data.pledgeId);
  requireContributor(pledge, metadata, 'update the card');
  const declined = requireStatus(pledge, ['collection_declined', 'card_updated'], 'take a new card');
  const { now, at } = commandTime(metadata);
  if (now.getTime() >= timeOf(declined.retryUntil ?? declined.deadline))
    throw new IllegalStateError('the retry window has closed', { retryUntil: declined.retryUntil });
  return { type: 'CardUpdated', data: { pledgeId: declined.pledgeId, setupIntentId: data.setupIntentId, updatedAt: at } };
};

/** The window closed without a collection: nothing charged, the unit goes back. */
export const dropPledge = (command: DropPledge, state: PledgeState): readonly (PledgeDropped | TierUnitReleased)[] => {
  const { data, metadata } = command;
  const pledge = existing(state, data.pledgeId);
  if (isIn(pledge, ['collected', 'dropped'])) return [];
  const declined = requireStatus(pledge, ['collection_declined', 'card_updated'], 'be dropped');
  const { now, at } = commandTime(metadata);
  if (declined.retryUntil === undefined || now.getTime() < timeOf(declined.retryUntil))
    throw new IllegalStateError('the retry window is still open', { retryUntil: declined.retryUntil });
  const { pledgeId, campaignId } = declined;
  return [
    { type: 'PledgeDropped', data: { pledgeId, campaignId, settlement: settlementOf(declined, false), droppedAt: at } },
    ...releasedUnit(declined, 'dropped'),
  ];
};

/** The campaign failed or was cancelled: the committed pledge is released, nothing charged. */
export const releasePledge = (
  command: ReleasePledge,
  state: PledgeState,
): readonly (PledgeReleased | PledgeRefunded | TierUnitReleased)[] => {
  const { data, metadata } = command;
  const pledge = existing(state, data.pledgeId);
  if (pledge.fundingModel === 'keep_it_all' && data.reason === 'campaign_cancelled')
    return refundForCancellation(pledge, metadata);
  requireAllOrNothing(pledge, 'be released');
  if (pledge.status === 'released') return [];
  const committed = requireStatus(pledge, ['committed'], 'be released');
  const { at } = commandTime(metadata);
  const { pledgeId, campaignId } = committed;
  return [
    {
      type: 'PledgeReleased',
      data: { pledgeId, campaignId, reason: data.reason, settlement: settlementOf(committed, false), releasedAt: at },
    },
    ...releasedUnit(committed, 'released'),
  ];
};

/**
 * A cancelled keep-it-all campaign gives back what it took: every paid pledge still standing is
 * refunded, tip included (the tipping service refunds the tip on the withdrawal). Once: an ended
 * pledge changes nothing.
 */
const refundForCancellation = (
  pledge: ExistingPledge,
  metadata: ReleasePledge['metadata'],
): readonly (PledgeRefunded | TierUnitReleased)[] => {
  if (!isIn(pledge, ['committed', 'refund_requested'])) return [];
  const { at } = commandTime(metadata);
  const { pledgeId, campaignId } = pledge;
  return [
    {
      type: 'PledgeRefunded',
      data: { pledgeId, campaignId, settlement: settlementOf(pledge, true), refundedBy: 'campaign_cancelled', refundedAt: at },
    },
    ...releasedUnit(pledge, 'refunded'),
  ];
};
