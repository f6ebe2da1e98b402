import { add, IllegalStateError } from '@elan/domain-kernel';
import {
  commandTime,
  existing,
  requireBeforeDeadline,
  requireContributor,
  requireStatus,
  settlementOf,
  timeOf,
} from './pledge-access';
import type { AbandonPledge, CancelPledge, ConfirmPayment, RecordPaymentFailure, RequestPayment } from './pledge.commands';
import type {
  AbandonedPaymentRefunded,
  CardSetupRequested,
  LatePledgeRefused,
  PaymentFailed,
  PaymentRequested,
  PledgeAbandoned,
  PledgeCancelled,
  PledgeCommitted,
  TierUnitReleased,
  TierUnitReleaseReason,
} from './pledge.events';
import { isIn, type ExistingPledge, type PledgeIn, type PledgeState } from './pledge.state';

/** From a placed pledge to a committed one: the Stripe intent, its confirmation, failure or abandonment. */

/** The hold goes back with the pledge that ends, when there is one. */
export const releasedUnit = (pledge: ExistingPledge, reason: TierUnitReleaseReason): readonly TierUnitReleased[] => {
  if (pledge.hold === undefined) return [];
  const { pledgeId, campaignId } = pledge;
  const { tierId, holdId } = pledge.hold;
  return [{ type: 'TierUnitReleased', data: { pledgeId, campaignId, tierId, holdId, reason } }];
};

/** Keep-it-all gets one PaymentIntent for pledge + tip; all-or-nothing a SetupIntent. Also the retry after a failure. */
export const requestPayment = (command: RequestPayment, state: PledgeState): PaymentRequested | CardSetupRequested | [] => {
  const { data, metadata } = command;
  const pledge = existing(state, data.pledgeId);
  // The same intent recorded twice (a retried handler) changes nothing.
  if (isIn(pledge, ['awaiting_payment', 'awaiting_card_setup']) && pledge.intentId === data.intentId) return [];
  const ready = requireStatus(pledge, ['placed', 'payment_failed'], 'request a payment');
  // A failed PaymentIntent can still succeed later; a second one beside it could charge twice.
  if (ready.status === 'payment_failed' && ready.fundingModel === 'keep_it_all' && ready.intentId !== data.intentId)
    throw new IllegalStateError('a keep-it-all retry confirms the same PaymentIntent again', {
      field: 'intentId',
      intentId: ready.intentId,
    });
  const { now, at } = commandTime(metadata);
  requireBeforeDeadline(ready, now, 'request a payment');
  const { pledgeId, amount, tip } = ready;
  if (ready.fundingModel === 'all_or_nothing')
    return { type: 'CardSetupRequested', data: { pledgeId, setupIntentId: data.intentId, requestedAt: at } };
  return {
    type: 'PaymentRequested',
    data: { pledgeId, paymentIntentId: data.intentId, amount, tip, total: add(amount, tip.amount), requestedAt: at },
  };
};

/**
 * Committed if Stripe confirmed before the deadline, whenever the webhook arrives; refused as
 * late at or after it, the hold released and any payment refunded (ADR 0008). A duplicate or
 * reordered webhook, or one for an intent no longer current, changes nothing.
 */
export const confirmPayment = (
  command: ConfirmPayment,
  state: PledgeState,
): readonly (PledgeCommitted | LatePledgeRefused | TierUnitReleased | AbandonedPaymentRefunded)[] => {
  const { data } = command;
  const pledge = existing(state, data.pledgeId);
  if (pledge.status === 'placed')
    throw new IllegalStateError('no payment was requested for this pledge yet', { status: pledge.status });
  if (isIn(pledge, ['abandoned'])) return refundAfterAbandonment(pledge, data);
  // A PaymentIntent may succeed after a failed attempt: a failed pledge is still confirmable.
  if (!isIn(pledge, ['awaiting_payment', 'awaiting_card_setup', 'payment_failed']) || pledge.intentId !== data.intentId)
    return [];
  const awaiting = pledge;
  const { pledgeId, campaignId, fundingModel, amount, tip, tier, hold, deadline } = awaiting;
  const charged = fundingModel === 'keep_it_all';
  if (timeOf(data.confirmedAt) >= timeOf(deadline))
    return [
      {
        type: 'LatePledgeRefused',
        data: { pledgeId, campaignId, confirmedAt: data.confirmedAt, deadline, settlement: settlementOf(awaiting, charged) },
      },
      ...releasedUnit(awaiting, 'late'),
    ];
  return [
    {
      type: 'PledgeCommitted',
      data: {
        pledgeId,
        campaignId,
        fundingModel,
        amount,
        tip,
        ...(tier && { tierId: tier.tierId }),
        ...(hold && { holdId: hold.holdId }),
        charged,
        committedAt: data.confirmedAt,
        intentId: data.intentId,
        contributor: awaiting.contributor,
      },
    },
  ];
};

/** Money taken for an abandoned pledge goes back, once: a second webhook finds it already refunded. */
const refundAfterAbandonment = (
  pledge: PledgeIn<'abandoned'>,
  data: ConfirmPayment['data'],
): readonly AbandonedPaymentRefunded[] => {
  if (pledge.fundingModel !== 'keep_it_all' || pledge.intentId !== data.intentId || pledge.paymentRefunded === true) return [];
  const { pledgeId, campaignId } = pledge;
  return [
    {
      type: 'AbandonedPaymentRefunded',
      data: {
        pledgeId,
        campaignId,
        paymentIntentId: data.intentId,
        confirmedAt: data.confirmedAt,
        settlement: settlementOf(pledge, true),
      },
    },
  ];
};

/** A failed intent leaves the pledge waiting for a retry; a failure of an intent no longer current is ignored. */
export const recordPaymentFailure = (command: RecordPaymentFailure, state: PledgeState): PaymentFailed | [] => {
  const { data, metadata } = command;
  const pledge = existing(state, data.pledgeId);
  if (!isIn(pledge, ['awaiting_payment', 'awaiting_card_setup']) || pledge.intentId !== data.intentId) return [];
  const { at } = commandTime(metadata);
  return {
    type: 'PaymentFailed',
    data: { pledgeId: pledge.pledgeId, intentId: data.intentId, declineCode: data.declineCode, failedAt: at },
  };
};

/** An unfinished checkout ends: nothing was charged, the hold goes back. An ended pledge stays as it is. */
export const abandonPledge = (command: AbandonPledge, state: PledgeState): readonly (PledgeAbandoned | TierUnitReleased)[] => {
  const { data, metadata } = command;
  const pledge = existing(state, data.pledgeId);
  if (!isIn(pledge, ['placed', 'awaiting_payment', 'awaiting_card_setup', 'payment_failed'])) return [];
  const { at } = commandTime(metadata);
  const { pledgeId, campaignId } = pledge;
  return [
    { type: 'PledgeAbandoned', data: { pledgeId, campaignId, settlement: settlementOf(pledge, false), abandonedAt: at } },
    ...releasedUnit(pledge, 'abandoned'),
  ];
};

/** Before the deadline the contributor may withdraw: a paid keep-it-all pledge is refunded with its tip. */
export const cancelPledge = (command: CancelPledge, state: PledgeState): readonly (PledgeCancelled | TierUnitReleased)[] => {
  const { data, metadata } = command;
  const pledge = existing(state, data.pledgeId);
  requireContributor(pledge, metadata, 'cancel the pledge');
  const committed = requireStatus(pledge, ['committed'], 'be cancelled');
  const { now, at } = commandTime(metadata);
  requireBeforeDeadline(committed, now, 'be cancelled');
  const { pledgeId, campaignId } = committed;
  return [
    {
      type: 'PledgeCancelled',
      data: { pledgeId, campaignId, settlement: settlementOf(committed, committed.charged), cancelledAt: at },
    },
    ...releasedUnit(committed, 'cancelled'),
  ];
};
