import { z } from 'zod';
import { defineIntegrationEvent } from '../integration-event';
import { moneySchema } from '../money';
import { backerCount, departement, FUNDING_MODELS, instant, uuid } from './campaign-fields';

/**
 * The facts of a campaign's life that other services act on: pledge opens and settles pledges,
 * payout prepares and pays statements, tipping refunds or keeps tips with their pledges.
 */

export const campaignLaunched = defineIntegrationEvent({
  service: 'campaign',
  type: 'CampaignLaunched',
  version: 1,
  description: 'A campaign opened to pledges: from now on until its deadline, contributors may back it.',
  consumers: ['pledge', 'payout', 'notification'],
  schema: z.object({
    campaignId: uuid().describe('The campaign.'),
    holderId: uuid().describe('The project holder who runs the campaign and receives the funds.'),
    title: z.string().min(1).describe('Public title of the campaign at launch.'),
    fundingModel: z
      .enum(FUNDING_MODELS)
      .describe('all_or_nothing: pledges are charged only if the goal is met; keep_it_all: charged when pledged.'),
    goal: moneySchema.describe('The amount the campaign aims to collect.'),
    startsAt: instant().describe('When pledges open.'),
    deadline: instant().describe('When pledges close and the campaign succeeds, fails or ends.'),
    departement: departement().describe('INSEE code of the département the campaign is located in (e.g. 33, 2A, 974).'),
  }),
});

export const campaignSucceeded = defineIntegrationEvent({
  service: 'campaign',
  type: 'CampaignSucceeded',
  version: 1,
  description: 'An all-or-nothing campaign met its goal at its deadline: its committed pledges are to be collected.',
  consumers: ['pledge', 'payout', 'tipping', 'notification'],
  schema: z.object({
    campaignId: uuid().describe('The campaign.'),
    closedAt: instant().describe('When the campaign closed (its deadline, or the moment it was closed).'),
    committedTotal: moneySchema.describe('Sum of the pledges committed when it closed, at least the goal.'),
    backers: backerCount().describe('Number of distinct contributors with a committed pledge.'),
  }),
});

export const campaignFailed = defineIntegrationEvent({
  service: 'campaign',
  type: 'CampaignFailed',
  version: 1,
  description:
    'An all-or-nothing campaign missed its goal at its deadline: nothing is charged, saved cards and their tips are released.',
  consumers: ['pledge', 'payout', 'tipping', 'notification'],
  schema: z.object({
    campaignId: uuid().describe('The campaign.'),
    closedAt: instant().describe('When the campaign closed (its deadline).'),
    committedTotal: moneySchema.describe('Sum of the pledges committed when it closed, below the goal; none is charged.'),
    backers: backerCount().describe('Number of distinct contributors with a committed pledge.'),
  }),
});

export const campaignEnded = defineIntegrationEvent({
  service: 'campaign',
  type: 'CampaignEnded',
  version: 1,
  description:
    'A keep-it-all campaign reached its deadline: pledges are closed and what was collected is paid out, goal met or not.',
  consumers: ['pledge', 'payout', 'notification'],
  schema: z.object({
    campaignId: uuid().describe('The campaign.'),
    closedAt: instant().describe('When the campaign closed (its deadline).'),
    collectedTotal: moneySchema.describe('Sum of the pledges collected during the campaign, net of refunds.'),
    backers: backerCount().describe('Number of distinct contributors with a collected pledge.'),
  }),
});

export const campaignCancelled = defineIntegrationEvent({
  service: 'campaign',
  type: 'CampaignCancelled',
  version: 1,
  description:
    'A campaign was stopped before its deadline (by its holder or a moderator): every pledge and its tip is released or refunded.',
  consumers: ['pledge', 'payout', 'tipping'],
  schema: z.object({
    campaignId: uuid().describe('The campaign.'),
    cancelledAt: instant().describe('When the campaign was cancelled.'),
    reason: z.string().min(1).describe('Why, as told to contributors.'),
  }),
});

export const campaignDeadlineReached = defineIntegrationEvent({
  service: 'campaign',
  type: 'CampaignDeadlineReached',
  version: 1,
  description:
    'A live campaign reached its deadline and takes no more pledges: it waits (status closing) for the pledge service’s ' +
    'PledgesTallied before deciding its outcome (ADR 0008).',
  consumers: ['pledge'],
  schema: z.object({
    campaignId: uuid().describe('The campaign.'),
    fundingModel: z.enum(FUNDING_MODELS).describe('How it collects.'),
    goal: moneySchema.describe('Its goal, for the record; the campaign service compares the tally with it.'),
    deadline: instant().describe('The frozen deadline pledges are compared with.'),
  }),
});

// --- Notifications (issue #12 part 2): moderation decisions to holders, updates to backers ---

export const campaignApproved = defineIntegrationEvent({
  service: 'campaign',
  type: 'CampaignApproved',
  version: 1,
  description: 'A moderator approved a submitted campaign: it goes live at startsAt. The notification service tells its holder.',
  consumers: ['notification'],
  schema: z.object({
    campaignId: uuid().describe('The campaign.'),
    holderId: uuid().describe('The project holder, told of the decision.'),
    title: z.string().min(1).describe('Public title of the campaign as approved.'),
    startsAt: instant().describe('When pledges open.'),
    deadline: instant().describe('When pledges close.'),
    approvedAt: instant().describe('When it was approved.'),
  }),
});

export const campaignRejected = defineIntegrationEvent({
  service: 'campaign',
  type: 'CampaignRejected',
  version: 1,
  description:
    'A moderator sent a submitted campaign back to draft, with the reason its holder reads; it may be submitted again. ' +
    'The notification service tells its holder.',
  consumers: ['notification'],
  schema: z.object({
    campaignId: uuid().describe('The campaign.'),
    holderId: uuid().describe('The project holder, told of the decision.'),
    title: z.string().min(1).describe('Public title of the campaign as submitted.'),
    reason: z.string().min(1).describe('Why, as told to the holder.'),
    rejectedAt: instant().describe('When it was rejected.'),
  }),
});

export const campaignUpdatePosted = defineIntegrationEvent({
  service: 'campaign',
  type: 'CampaignUpdatePosted',
  version: 1,
  description:
    'The holder posted news on an approved campaign (public on its page). The notification service sends it to each ' +
    'backer whose pledge still counts.',
  consumers: ['notification'],
  schema: z.object({
    campaignId: uuid().describe('The campaign.'),
    updateId: uuid().describe('The update, unique in its campaign.'),
    title: z.string().min(1).max(120).describe('Its title.'),
    body: z.string().min(1).max(10_000).describe('Its text, as shown on the campaign page.'),
    postedAt: instant().describe('When it was posted.'),
  }),
});
