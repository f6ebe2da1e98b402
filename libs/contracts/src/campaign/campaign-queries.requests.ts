import { z } from 'zod';
import { defineRequest } from '../request';
import { moneySchema } from '../money';
import { uuid } from './campaign-fields';

/** The lifecycle states of a campaign, as other services and the public API name them. */
export const CAMPAIGN_STATUSES = ['draft', 'launched', 'succeeded', 'failed', 'ended', 'cancelled'] as const;

export const getCampaignSummary = defineRequest({
  service: 'campaign',
  name: 'GetCampaignSummary',
  version: 1,
  description: 'The few facts the public API shows about a campaign; answers not_found when there is no such campaign.',
  callers: ['gateway'],
  request: z.object({
    campaignId: uuid().describe('The campaign.'),
  }),
  reply: z.object({
    campaignId: uuid().describe('The campaign.'),
    title: z.string().min(1).describe('Public title of the campaign.'),
    status: z.enum(CAMPAIGN_STATUSES).describe('Where the campaign is in its lifecycle.'),
    goal: moneySchema.describe('The amount the campaign aims to collect.'),
  }),
});
