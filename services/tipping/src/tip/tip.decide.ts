import {
  compare,
  equals,
  IllegalStateError,
  isCurrency,
  isNegative,
  multiplyByRatio,
  ValidationError,
  type Money,
} from '@elan/domain-kernel';
import { commandTime, existing, isAdmin, requireContributorOrAdmin, requirePledge, requireStatus } from './tip-access';
import type { TipRules } from './tip-rules';
import type {
  OfferTip,
  RecordTipPayment,
  RefundTip,
  RefundTipWithPledge,
  ReleaseTipWithPledge,
  TipCommand,
} from './tip.commands';
import type { TipEvent, TipOffered, TipPaid, TipRefunded, TipRefundedWithPledge, TipReleased } from './tip.events';
import type { TipState } from './tip.state';

/**
 * Decisions of a tip's life: offered with its pledge, paid with it, refunded alone or with it,
 * released with it. Each returns one event, or none when the command is already satisfied
 * (messages are delivered at least once), and throws typed errors: `NotFoundError`,
 * `ForbiddenError`, `IllegalStateError`, `ValidationError` (`details.field` naming the input).
 */

const amountOf = (field: string, value: Money): Money => {
  const valid = typeof value === 'object' && value !== null && isCurrency(value.currency) && Number.isSafeInteger(value.amount);
  if (!valid) throw new ValidationError(`${field} must be an amount in minor units with its currency`, { field });
  return value;
};

const sameOffer = (offered: TipOffered['data'], data: OfferTip['data']): boolean =>
  offered.pledgeId === data.pledgeId &&
  offered.campaignId === data.campaignId &&
  offered.contributorRef === data.contributorRef &&
  offered.amount.currency === data.amount.currency &&
  equals(offered.amount, data.amount) &&
  offered.pledgeAmount.currency === data.pledgeAmount.currency &&
  equals(offered.pledgeAmount, data.pledgeAmount);

/** A tip is 0 or more, in its pledge's currency, and at most the allowed multiple of the pledge. */
export const offerTip = (command: OfferTip, state: TipState, rules: TipRules): TipOffered | [] => {
  const { data, metadata } = command;
  const { at } = commandTime(metadata);
  const amount = amountOf('amount', data.amount);
  const pledgeAmount = amountOf('pledgeAmount', data.pledgeAmount);
  if (state.status !== 'none') {
    if (sameOffer(state, data)) return [];
    throw new IllegalStateError(`tip ${data.tipId} was already offered with other terms`, { tipId: data.tipId });
  }
  if (amount.currency !== pledgeAmount.currency)
    throw new ValidationError('a tip is paid in its pledge’s currency', { field: 'amount', currency: amount.currency });
  if (isNegative(amount)) throw new ValidationError('a tip cannot be negative', { field: 'amount' });
  if (pledgeAmount.amount <= 0) throw new ValidationError('a tip goes with a positive pledge', { field: 'pledgeAmount' });
  const limit = multiplyByRatio(pledgeAmount, rules.maxTipMultipleOfPledge, 1, 'down');
  if (compare(amount, limit) > 0)
    throw new ValidationError(`a tip may be at most ${rules.maxTipMultipleOfPledge} × the pledge`, {
      field: 'amount',
      limit,
    });
  const { tipId, pledgeId, campaignId, contributorRef } = data;
  return {
    type: 'TipOffered',
    data: { tipId, pledgeId, campaignId, contributorRef, amount, pledgeAmount, offeredAt: at },
  };
};

/** The pledge's payment covers the tip; a redelivered payment is ignored, another one refused. */
export const recordTipPayment = (command: RecordTipPayment, state: TipState): TipPaid | [] => {
  const { data, metadata } = command;
  const tip = existing(state, data.tipId);
  requirePledge(tip, data.pledgeId);
  const { at } = commandTime(metadata);
  if (tip.status === 'paid' && tip.paymentId === data.paymentId) return [];
  const offered = requireStatus(tip, ['offered'], 'be paid');
  return {
    type: 'TipPaid',
    data: { tipId: offered.tipId, pledgeId: offered.pledgeId, paymentId: data.paymentId, amount: offered.amount, paidAt: at },
  };
};

/**
 * The tip alone goes back: its contributor may ask within the refund window after payment (the
 * window's last millisecond included), an admin at any time. A 0 tip has nothing to refund.
 */
export const refundTip = (command: RefundTip, state: TipState, rules: TipRules): TipRefunded | [] => {
  const { data, metadata } = command;
  const tip = existing(state, data.tipId);
  requireContributorOrAdmin(tip, metadata, 'refund it');
  const { now, at } = commandTime(metadata);
  if (tip.status === 'refunded') return [];
  const paid = requireStatus(tip, ['paid'], 'be refunded');
  if (paid.amount.amount === 0) throw new IllegalStateError('a tip of 0 has nothing to refund', { tipId: paid.tipId });
  const admin = isAdmin(metadata);
  const elapsedMs = now.getTime() - Date.parse(paid.paidAt);
  if (!admin && elapsedMs > rules.contributorRefundWindowMs)
    throw new IllegalStateError('the refund window has closed: ask an admin', {
      paidAt: paid.paidAt,
      windowMs: rules.contributorRefundWindowMs,
    });
  return {
    type: 'TipRefunded',
    data: {
      tipId: paid.tipId,
      pledgeId: paid.pledgeId,
      amount: paid.amount,
      refundedBy: metadata.actor,
      requestedAs: admin ? 'admin' : 'contributor',
      refundedAt: at,
    },
  };
};

/** A refunded pledge takes its paid tip with it; a tip already refunded alone is not refunded twice. */
export const refundTipWithPledge = (command: RefundTipWithPledge, state: TipState): TipRefundedWithPledge | [] => {
  const { data, metadata } = command;
  const tip = existing(state, data.tipId);
  requirePledge(tip, data.pledgeId);
  const { at } = commandTime(metadata);
  if (tip.status === 'refunded') return [];
  const paid = requireStatus(tip, ['paid'], 'be refunded with its pledge');
  return {
    type: 'TipRefundedWithPledge',
    data: { tipId: paid.tipId, pledgeId: paid.pledgeId, amount: paid.amount, refundedAt: at },
  };
};

/** A pledge released before payment takes its tip with it; a paid tip must be refunded instead. */
export const releaseTipWithPledge = (command: ReleaseTipWithPledge, state: TipState): TipReleased | [] => {
  const { data, metadata } = command;
  const tip = existing(state, data.tipId);
  requirePledge(tip, data.pledgeId);
  const { at } = commandTime(metadata);
  if (tip.status === 'released') return [];
  const offered = requireStatus(tip, ['offered'], 'be released');
  return { type: 'TipReleased', data: { tipId: offered.tipId, pledgeId: offered.pledgeId, releasedAt: at } };
};

/** Routes each command to its decision. */
export const decide = (command: TipCommand, state: TipState, rules: TipRules): TipEvent | readonly TipEvent[] => {
  switch (command.type) {
    case 'OfferTip':
      return offerTip(command, state, rules);
    case 'RecordTipPayment':
      return recordTipPayment(command, state);
    case 'RefundTip':
      return refundTip(command, state, rules);
    case 'RefundTipWithPledge':
      return refundTipWithPledge(command, state);
    case 'ReleaseTipWithPledge':
      return releaseTipWithPledge(command, state);
    default:
      return unknownCommand(command);
  }
};

/** Unreachable for typed callers; guards against a command type added to the union but not routed. */
const unknownCommand = (command: never): never => {
  throw new TypeError(`unknown tip command ${(command as { type?: unknown }).type as string}`);
};
