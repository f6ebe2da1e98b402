import { compare, IllegalStateError, isNegative, multiplyByRatio, ValidationError, type Money } from '@elan/domain-kernel';
import { commandTime, existing, requireBeforeDeadline, requireContributor, requireStatus, timeOf } from './pledge-access';
import type { PledgeRules } from './pledge-rules';
import type { ActorMetadata, ChangePledge, PlacePledge } from './pledge.commands';
import type { PledgeChanged, PledgePlaced, TierUnitHeld, TierUnitReleased } from './pledge.events';
import type { PledgeState } from './pledge.state';
import type { PledgeTier, TierHold } from './pledge.values';

/** Placing and changing a pledge: the rules of deliverable 5, each error naming its field. */

const invalid = (field: string, message: string, details: Record<string, unknown> = {}): ValidationError =>
  new ValidationError(message, { field, ...details });

const requireCurrency = (field: string, value: Money, rules: PledgeRules): void => {
  if (value.currency !== rules.currency)
    throw invalid(field, `${field} must be in ${rules.currency}, got ${value.currency}`, { currency: value.currency });
};

/** Amount within the platform's bounds, and at least the tier's minimum. */
const checkAmount = (amount: Money, tier: PledgeTier | undefined, rules: PledgeRules): void => {
  requireCurrency('amount', amount, rules);
  if (compare(amount, rules.minimumPledge) < 0)
    throw invalid('amount', `a pledge must be at least ${rules.minimumPledge.amount} minor units`, {
      minimum: rules.minimumPledge,
    });
  if (compare(amount, rules.maximumPledge) > 0)
    throw invalid('amount', `a pledge must be at most ${rules.maximumPledge.amount} minor units`, {
      maximum: rules.maximumPledge,
    });
  if (tier !== undefined && compare(amount, tier.minimum) < 0)
    throw invalid('amount', `the amount does not reach the tier's minimum of ${tier.minimum.amount} minor units`, {
      tierId: tier.tierId,
      minimum: tier.minimum,
    });
};

const checkTip = (data: PlacePledge['data'], rules: PledgeRules): void => {
  const { tip, amount } = data;
  requireCurrency('tip', tip.amount, rules);
  if (isNegative(tip.amount)) throw invalid('tip', 'a tip cannot be negative');
  const ceiling = multiplyByRatio(amount, rules.maxTipMultiple, 1, 'down');
  if (compare(tip.amount, ceiling) > 0)
    throw invalid('tip', `a tip may be at most ${rules.maxTipMultiple} × the pledge`, { maximum: ceiling });
  if (tip.amount.amount > 0 && !tip.tipId) throw invalid('tip.tipId', 'a tip above 0 needs the id of the tip it records');
  if (tip.amount.amount === 0 && tip.tipId !== undefined) throw invalid('tip.tipId', 'a tip of 0 records no tip');
};

/** A limited tier needs the unit held for it (ADR 0007); any other pledge holds nothing. */
const checkHold = (tier: PledgeTier | undefined, hold: TierHold | undefined): void => {
  if (tier?.limited === true && hold === undefined) throw invalid('hold', 'a limited tier needs a unit held before payment');
  if (tier?.limited !== true && hold !== undefined) throw invalid('hold', 'only a limited tier holds a unit');
};

/**
 * The rules a new pledge must pass, before anything is held or charged: the handler calls it
 * first, then reserves a tier unit, then decides `PlacePledge`, which checks them again.
 */
export const checkPledge = (data: Omit<PlacePledge['data'], 'hold'>, metadata: ActorMetadata, rules: PledgeRules): void => {
  const { campaign, contributor, details } = data;
  const { now } = commandTime(metadata);
  if (campaign.status !== 'live')
    throw new IllegalStateError(`a ${campaign.status} campaign takes no pledges`, {
      field: 'campaignId',
      status: campaign.status,
    });
  if (now.getTime() >= timeOf(campaign.deadline))
    throw new IllegalStateError('campaign deadline passed', { field: 'campaignId', deadline: campaign.deadline });
  if (contributor.kind === 'account' && contributor.accountId === campaign.holderId && !rules.allowPledgeOnOwnCampaign)
    throw invalid('contributor', 'a holder may not pledge on their own campaign');
  if (contributor.kind === 'guest' && (details.name === undefined || details.email === undefined))
    throw invalid(details.name === undefined ? 'name' : 'email', 'a guest gives a name and an e-mail address');
  checkAmount(data.amount, data.tier, rules);
  checkTip(data, rules);
};

export const placePledge = (
  command: PlacePledge,
  state: PledgeState,
  rules: PledgeRules,
): readonly [PledgePlaced] | readonly [PledgePlaced, TierUnitHeld] => {
  const { data, metadata } = command;
  if (state.status !== 'none')
    throw new IllegalStateError(`pledge ${data.pledgeId} already exists`, { field: 'pledgeId', status: state.status });
  checkPledge(data, metadata, rules);
  checkHold(data.tier, data.hold);
  const { at } = commandTime(metadata);
  const { pledgeId, campaign, amount, tier, hold, tip, contributor, details, language } = data;
  const { campaignId, holderId, fundingModel, deadline } = campaign;
  const placed: PledgePlaced = {
    type: 'PledgePlaced',
    data: {
      pledgeId,
      campaignId,
      holderId,
      fundingModel,
      deadline,
      amount,
      ...(tier && { tier }),
      tip,
      contributor,
      details,
      placedAt: at,
      ...(language && { language }),
    },
  };
  if (tier === undefined || hold === undefined) return [placed];
  const { holdId, expiresAt } = hold;
  return [placed, { type: 'TierUnitHeld', data: { pledgeId, campaignId, tierId: tier.tierId, holdId, expiresAt } }];
};

/**
 * A committed all-or-nothing pledge may change before the deadline: nothing was charged yet.
 * A keep-it-all pledge is paid already; its contributor cancels (refunded) and pledges again.
 */
export const changePledge = (
  command: ChangePledge,
  state: PledgeState,
  rules: PledgeRules,
): readonly (PledgeChanged | TierUnitHeld | TierUnitReleased)[] => {
  const { data, metadata } = command;
  const pledge = existing(state, data.pledgeId);
  requireContributor(pledge, metadata, 'change the pledge');
  const committed = requireStatus(pledge, ['committed'], 'be changed');
  const { now, at } = commandTime(metadata);
  requireBeforeDeadline(committed, now, 'be changed');
  if (committed.fundingModel !== 'all_or_nothing')
    throw new IllegalStateError('a paid keep-it-all pledge cannot be changed: cancel it and pledge again', {
      field: 'amount',
      fundingModel: committed.fundingModel,
    });
  const { amount, tier, hold } = data;
  checkAmount(amount, tier, rules);
  const multiple = multiplyByRatio(amount, rules.maxTipMultiple, 1, 'down');
  if (compare(committed.tip.amount, multiple) > 0)
    throw invalid('amount', `the tip chosen would be more than ${rules.maxTipMultiple} × the new amount`, {
      tip: committed.tip.amount,
    });
  const sameTier = tier?.tierId === committed.tier?.tierId;
  if (!sameTier) checkHold(tier, hold);
  else if (hold !== undefined) throw invalid('hold', 'the tier is unchanged: its unit is already held');
  if (compare(amount, committed.amount) === 0 && sameTier) return [];

  const { pledgeId, campaignId } = committed;
  const events: (PledgeChanged | TierUnitHeld | TierUnitReleased)[] = [];
  if (!sameTier && committed.hold !== undefined) {
    const { tierId, holdId } = committed.hold;
    events.push({ type: 'TierUnitReleased', data: { pledgeId, campaignId, tierId, holdId, reason: 'changed' } });
  }
  if (!sameTier && tier !== undefined && hold !== undefined)
    events.push({
      type: 'TierUnitHeld',
      data: { pledgeId, campaignId, tierId: tier.tierId, holdId: hold.holdId, expiresAt: hold.expiresAt },
    });
  events.push({
    type: 'PledgeChanged',
    data: {
      pledgeId,
      campaignId,
      previousAmount: committed.amount,
      amount,
      ...(committed.tier && { previousTierId: committed.tier.tierId }),
      ...(tier && { tier }),
      ...(!sameTier && hold && { holdId: hold.holdId }),
      changedAt: at,
    },
  });
  return events;
};
