import { z } from 'zod';
import { moneySchema } from '../money';
import { FUNDING_MODELS, departement, instant, uuid } from './campaign-fields';

/** Shapes the campaign requests share. Rules beyond shape (lengths, dates, frozen fields) are the domain's. */

export const CAMPAIGN_CATEGORIES = [
  'solidarity',
  'culture',
  'environment',
  'food',
  'education',
  'sport',
  'heritage',
  'technology',
  'health',
  'other',
] as const;

export const ACCOUNT_ROLES = ['contributor', 'holder', 'moderator', 'admin'] as const;

/** Who asks, as the gateway authenticated them: the campaign service authorises with it. */
export const actorSchema = z
  .object({
    accountId: uuid().describe('The account asking.'),
    roles: z.array(z.enum(ACCOUNT_ROLES)).describe('Its roles at the time of asking.'),
  })
  .describe('Who asks, as authenticated by the gateway.');

export const locationSchema = z.object({
  departement: departement().describe('INSEE code of the département (01–95 but 20, 2A, 2B, 971–974, 976).'),
  commune: z.string().max(100).optional().describe('Name of the commune, if any.'),
});

export const stretchGoalSchema = z.object({
  stretchGoalId: uuid().describe('Stable id of the stretch goal, chosen by the caller.'),
  amount: moneySchema.describe('Amount above the goal that unlocks it.'),
  description: z.string().describe('What reaching it brings.'),
});

export const campaignFieldsSchema = z.object({
  title: z.string().describe('Public title, 1 to 120 characters.'),
  summary: z.string().describe('One or two sentences for the catalog, at most 300 characters.'),
  plainLanguageSummary: z
    .string()
    .nullable()
    .describe(
      'The campaign said simply ("facile à lire et à comprendre"), shown first on its page: short sentences, ' +
        'everyday words. Trimmed, at most 600 characters; null or blank: none.',
    ),
  story: z.string().describe('The full story, at most 20,000 characters.'),
  category: z.enum(CAMPAIGN_CATEGORIES).describe('What the campaign is about.'),
  imageUrl: z.url({ protocol: /^https$/ }).describe('An https URL of the cover image.'),
  goal: moneySchema.describe('The amount to collect, in EUR minor units.'),
  fundingModel: z.enum(FUNDING_MODELS).describe('all_or_nothing or keep_it_all.'),
  startsAt: instant().describe('When pledges open.'),
  deadline: instant().describe('When pledges close.'),
  location: locationSchema.describe('Where the campaign happens.'),
  stretchGoals: z.array(stretchGoalSchema).describe('Further amounts above the goal, ascending.'),
});

export const tierDefinitionSchema = z
  .object({
    tierId: uuid().describe('Stable id of the tier, chosen by the caller.'),
    minimumAmount: moneySchema.describe('The smallest pledge that earns the reward.'),
    title: z.string().describe('1 to 120 characters.'),
    description: z.string().describe('At most 2,000 characters.'),
    quantityLimit: z.number().int().positive().nullable().describe('Units available, or null for unlimited.'),
    estimatedDelivery: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional()
      .describe('When the reward should ship, YYYY-MM.'),
  })
  .describe('The reward tier.');

export const tierChangesSchema = z
  .object({
    title: z.string().describe('1 to 120 characters.'),
    description: z.string().describe('At most 2,000 characters.'),
    estimatedDelivery: tierDefinitionSchema.shape.estimatedDelivery
      .unwrap()
      .nullable()
      .describe('YYYY-MM, or null to remove it.'),
    minimumAmount: moneySchema.describe('The smallest pledge for the reward (draft only).'),
    quantityLimit: tierDefinitionSchema.shape.quantityLimit,
  })
  .partial()
  .describe('Only the fields to change; estimatedDelivery null removes it.');

export const campaignChangesSchema = campaignFieldsSchema
  .extend({
    imageUrl: campaignFieldsSchema.shape.imageUrl.nullable().describe('An https URL of the cover image, or null to remove it.'),
  })
  .partial()
  .describe(
    'Only the fields to change; imageUrl null removes the image, plainLanguageSummary null (or blank) the plain-language summary.',
  );

/** Where a campaign stands, as the public API names it. */
export const CAMPAIGN_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'live',
  'closing',
  'succeeded',
  'failed',
  'ended',
  'cancelled',
] as const;
