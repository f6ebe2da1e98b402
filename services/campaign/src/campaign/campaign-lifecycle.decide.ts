import { compare, IllegalStateError } from '@elan/domain-kernel';
import { commandTime, existing, requireHolderOrAdmin, requireModerator, requireStatus } from './campaign-access';
import { amount, count, text, timeOf } from './campaign-fields';
import type { CampaignRules } from './campaign-rules';
import type {
  ApproveCampaign,
  CancelCampaign,
  CloseCampaign,
  LaunchCampaign,
  RecordPledgeTally,
  RejectCampaign,
} from './campaign.commands';
import type {
  CampaignApproved,
  CampaignCancelled,
  CampaignDeadlineReached,
  CampaignEnded,
  CampaignFailed,
  CampaignLaunched,
  CampaignRejected,
  CampaignSucceeded,
} from './campaign.events';
import { isIn, type CampaignState } from './campaign.state';

/** Decisions of a campaign's life after drafting: review, launch, close, cancel. */

const REASON = { max: 2_000, required: true } as const;

/**
 * A campaign approved late opens at once; it must still run at least the shortest allowed
 * duration, or moderation should reject it so the holder picks new dates.
 */
export const approveCampaign = (command: ApproveCampaign, state: CampaignState, rules: CampaignRules): CampaignApproved => {
  const { data, metadata } = command;
  const campaign = existing(state, data.campaignId);
  requireModerator(campaign, metadata, 'approve');
  const submitted = requireStatus(campaign, ['submitted'], 'be approved');
  const { now, at } = commandTime(metadata);
  const opensAt = Math.max(now.getTime(), timeOf(submitted.startsAt));
  const remainingMs = timeOf(submitted.deadline) - opensAt;
  if (remainingMs < rules.minDurationMs)
    throw new IllegalStateError('too little time is left before the deadline: reject it so the holder picks new dates', {
      field: 'deadline',
      remainingMs,
      minDurationMs: rules.minDurationMs,
    });
  const { campaignId, startsAt, deadline, holderId, title } = submitted;
  return {
    type: 'CampaignApproved',
    data: { campaignId, approvedBy: metadata.actor, startsAt, deadline, approvedAt: at, holderId, title },
  };
};

export const rejectCampaign = (command: RejectCampaign, state: CampaignState): CampaignRejected => {
  const { data, metadata } = command;
  const campaign = existing(state, data.campaignId);
  requireModerator(campaign, metadata, 'reject');
  const submitted = requireStatus(campaign, ['submitted'], 'be rejected');
  const reason = text('reason', data.reason, REASON);
  const { at } = commandTime(metadata);
  return {
    type: 'CampaignRejected',
    data: {
      campaignId: submitted.campaignId,
      rejectedBy: metadata.actor,
      reason,
      rejectedAt: at,
      holderId: submitted.holderId,
      title: submitted.title,
    },
  };
};

/** The scheduler may run twice or late: a campaign already past `approved` is left as it is. */
export const launchCampaign = (command: LaunchCampaign, state: CampaignState): CampaignLaunched | [] => {
  const campaign = existing(state, command.data.campaignId);
  if (isIn(campaign, ['live', 'closing', 'succeeded', 'failed', 'ended', 'cancelled'])) return [];
  const approved = requireStatus(campaign, ['approved'], 'be launched');
  const { now, at } = commandTime(command.metadata);
  if (now.getTime() < timeOf(approved.startsAt))
    throw new IllegalStateError(`the campaign cannot be launched before its start, ${approved.startsAt}`, {
      startsAt: approved.startsAt,
    });
  const { campaignId, holderId, title, fundingModel, goal, startsAt, deadline, location } = approved;
  return {
    type: 'CampaignLaunched',
    data: {
      campaignId,
      holderId,
      title,
      fundingModel,
      goal,
      startsAt,
      deadline,
      departement: location.departement,
      launchedAt: at,
    },
  };
};

/**
 * At the deadline the campaign stops taking pledges and waits for the pledge service's tally
 * (ADR 0008). The scheduler may run twice or late: a campaign already closing or over is left
 * as it is.
 */
export const closeCampaign = (command: CloseCampaign, state: CampaignState): CampaignDeadlineReached | [] => {
  const { data, metadata } = command;
  const campaign = existing(state, data.campaignId);
  if (isIn(campaign, ['closing', 'succeeded', 'failed', 'ended', 'cancelled'])) return [];
  const live = requireStatus(campaign, ['live'], 'be closed');
  const { now, at } = commandTime(metadata);
  if (now.getTime() < timeOf(live.deadline))
    throw new IllegalStateError(`the campaign cannot be closed before its deadline, ${live.deadline}`, {
      deadline: live.deadline,
    });
  const { campaignId, fundingModel, goal, deadline } = live;
  return { type: 'CampaignDeadlineReached', data: { campaignId, fundingModel, goal, deadline, reachedAt: at } };
};

/**
 * The outcome, on the pledge service's tally: all-or-nothing succeeds when the committed total
 * reaches the goal and fails otherwise; keep-it-all ends with what was committed (all of it
 * charged at commitment). Only a closing campaign decides: a second tally, or one for a
 * campaign that is not closing, changes nothing. A tally counted against another deadline is
 * refused: it did not count the pledges this campaign took.
 */
export const recordPledgeTally = (
  command: RecordPledgeTally,
  state: CampaignState,
  rules: CampaignRules,
): CampaignSucceeded | CampaignFailed | CampaignEnded | [] => {
  const { data } = command;
  const campaign = existing(state, data.campaignId);
  if (!isIn(campaign, ['closing'])) return [];
  if (timeOf(data.deadline) !== timeOf(campaign.deadline))
    throw new IllegalStateError(`the tally counted pledges up to ${data.deadline}, not the deadline ${campaign.deadline}`, {
      field: 'deadline',
      deadline: campaign.deadline,
    });
  const outcome = {
    campaignId: campaign.campaignId,
    goal: campaign.goal,
    committedTotal: amount('committedTotal', data.committedTotal, rules, 'non_negative'),
    backers: count('backers', data.backers),
    closedAt: campaign.deadlineReachedAt,
  };
  if (campaign.fundingModel === 'keep_it_all') return { type: 'CampaignEnded', data: outcome };
  return compare(outcome.committedTotal, campaign.goal) >= 0
    ? { type: 'CampaignSucceeded', data: outcome }
    : { type: 'CampaignFailed', data: outcome };
};

export const cancelCampaign = (command: CancelCampaign, state: CampaignState): CampaignCancelled => {
  const { data, metadata } = command;
  const campaign = existing(state, data.campaignId);
  requireHolderOrAdmin(campaign, metadata, 'cancel it');
  const running = requireStatus(campaign, ['approved', 'live'], 'be cancelled');
  const reason = text('reason', data.reason, REASON);
  return {
    type: 'CampaignCancelled',
    data: {
      campaignId: running.campaignId,
      cancelledBy: metadata.actor,
      reason,
      previousStatus: running.status,
      cancelledAt: commandTime(metadata).at,
    },
  };
};
