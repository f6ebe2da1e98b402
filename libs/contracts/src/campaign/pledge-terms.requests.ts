import { z } from 'zod';
import { moneySchema } from '../money';
import { defineRequest } from '../request';
import { FUNDING_MODELS, instant, uuid } from './campaign-fields';
import { CAMPAIGN_STATUSES } from './campaign-values.schemas';

/**
 * What the pledge service must know about a campaign, fresh, before it records a pledge: whether
 * it takes pledges, until when, for whom the money is, and the chosen tier's minimum and stock.
 */
export const getPledgeTerms = defineRequest({
  service: 'campaign',
  name: 'GetPledgeTerms',
  version: 1,
  description:
    'The campaign’s terms for a new or changed pledge: status, holder, funding model, frozen deadline, currency, and the ' +
    'chosen tier’s minimum and whether its stock is limited. An unknown campaign or tier is not_found; the caller judges ' +
    'the rest (a campaign that is not live is answered, not refused).',
  callers: ['pledge'],
  request: z.object({
    campaignId: uuid().describe('The campaign.'),
    tierId: uuid().optional().describe('The tier chosen, if any.'),
  }),
  reply: z.object({
    campaignId: uuid().describe('The campaign.'),
    holderId: uuid().describe('Its project holder, who may not pledge on it unless the policy allows.'),
    title: z.string().describe('Its title, for receipts.'),
    status: z.enum(CAMPAIGN_STATUSES).describe('Where it stands: only live campaigns take pledges.'),
    fundingModel: z.enum(FUNDING_MODELS).describe('How it collects.'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .describe('The currency of its goal, and so of its pledges.'),
    deadline: instant().nullable().describe('Its deadline, frozen once live; null while it has none.'),
    tier: z
      .object({
        tierId: uuid().describe('The tier.'),
        minimum: moneySchema.describe('The least a pledge on this tier may be.'),
        limited: z.boolean().describe('Whether its stock is limited, so a unit must be reserved first (ADR 0007).'),
        open: z.boolean().describe('Whether it still takes pledges.'),
      })
      .optional()
      .describe('The tier asked about, when one was.'),
  }),
});
