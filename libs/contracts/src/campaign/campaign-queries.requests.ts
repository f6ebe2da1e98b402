import { z } from 'zod';
import { defineRequest } from '../request';
import { moneySchema } from '../money';
import { uuid } from './campaign-fields';

import { CAMPAIGN_STATUSES } from './campaign-values.schemas';

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
