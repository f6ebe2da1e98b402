import { z } from 'zod';
import { defineRequest } from '../request';
import { moneySchema } from '../money';
import { FUNDING_MODELS, backerCount, departement, instant, uuid } from './campaign-fields';
import { ACCOUNT_ROLES, CAMPAIGN_CATEGORIES, CAMPAIGN_STATUSES, actorSchema } from './campaign-values.schemas';

/** The campaign read models, as the public API reads them (eventually consistent with the commands). */

export const CATALOG_STATUSES = ['approved', 'live', 'closing', 'succeeded', 'failed', 'ended', 'cancelled'] as const;
export const CATALOG_SORTS = ['newest', 'ending_soon', 'most_funded'] as const;

const nullable = <T extends z.ZodType>(schema: T, description: string) => schema.nullable().describe(description);

export const campaignCardSchema = z.object({
  campaignId: uuid().describe('The campaign.'),
  holderId: uuid().describe('Its holder.'),
  title: z.string().describe('Public title.'),
  summary: z.string().describe('Short summary.'),
  plainLanguageSummary: nullable(
    z.string(),
    'The campaign said simply ("facile à lire et à comprendre"), to show first; null when it has none.',
  ),
  category: z.enum(CAMPAIGN_CATEGORIES).describe('What it is about.'),
  imageUrl: nullable(z.string(), 'Cover image URL.'),
  departement: departement().describe('INSEE code of its département.'),
  commune: nullable(z.string(), 'Its commune.'),
  status: z.enum(CAMPAIGN_STATUSES).describe('Where it stands.'),
  fundingModel: z.enum(FUNDING_MODELS).describe('all_or_nothing or keep_it_all.'),
  goal: nullable(moneySchema, 'The goal; null while a draft has none.'),
  committed: moneySchema.describe('Pledges committed.'),
  raised: moneySchema.describe('Money raised.'),
  backers: backerCount().describe('Distinct contributors.'),
  percentOfGoal: nullable(z.number().int().min(0), 'committed × 100 / goal, rounded down.'),
  startsAt: nullable(instant(), 'When pledges open.'),
  deadline: nullable(instant(), 'When pledges close.'),
  launchedAt: nullable(instant(), 'When it went live.'),
  timeLeftSeconds: nullable(z.number().int().min(0), 'Seconds until the deadline while live.'),
});

/** The parts of an approved campaign moderators watch (ADR 0012). */
export const WATCHED_PARTS = [
  'title',
  'summary',
  'plainLanguageSummary',
  'story',
  'imageUrl',
  'tiers',
  'stretchGoals',
  'updates',
] as const;

export const holderCampaignCardSchema = campaignCardSchema.extend({
  createdAt: instant().describe('When the draft was started.'),
  submittedAt: nullable(instant(), 'When it was last submitted.'),
  rejectionReason: nullable(z.string(), 'Why moderation sent it back, if it did.'),
  pendingImageUrl: nullable(
    z.string(),
    'A new image waiting for a moderator; shown to its holder and moderators only, null to others.',
  ),
  imageRefusal: nullable(
    z.object({
      imageUrl: z.string().describe('The image refused.'),
      reason: z.string().describe('Why, as told to the holder.'),
      refusedAt: instant().describe('When.'),
    }),
    'The last image a moderator refused, until another is proposed; to its holder and moderators only.',
  ),
});

export const campaignPageSchema = holderCampaignCardSchema.extend({
  story: z.string().describe('The full story.'),
  approvedAt: nullable(instant(), 'When a moderator approved it.'),
  closedAt: nullable(instant(), 'When it closed.'),
  cancelledAt: nullable(instant(), 'When it was cancelled.'),
  cancellationReason: nullable(z.string(), 'Why it was cancelled.'),
  tiers: z
    .array(
      z.object({
        tierId: uuid().describe('The tier.'),
        minimumAmount: moneySchema.describe('Smallest pledge for the reward.'),
        title: z.string().describe('Title.'),
        description: z.string().describe('Description.'),
        quantityLimit: nullable(z.number().int().positive(), 'Units in all; null: unlimited.'),
        unitsTaken: z.number().int().min(0).describe('Units held or confirmed.'),
        remainingUnits: nullable(z.number().int().min(0), 'Units left; null: unlimited.'),
        estimatedDelivery: nullable(z.string(), 'YYYY-MM.'),
        status: z.enum(['open', 'closed']).describe('Whether it takes new pledges.'),
      }),
    )
    .describe('Reward tiers, in the order they were added.'),
  stretchGoals: z
    .array(
      z.object({
        stretchGoalId: uuid().describe('The stretch goal.'),
        amount: moneySchema.describe('Amount that unlocks it.'),
        description: z.string().describe('What it brings.'),
        reached: z.boolean().describe('Whether the committed amount reached it.'),
      }),
    )
    .describe('Stretch goals, ascending.'),
  updates: z
    .array(
      z.object({ updateId: uuid(), title: z.string(), body: z.string(), postedAt: instant() }).describe('News from the holder.'),
    )
    .describe('Updates, newest first.'),
});

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item).describe('This page.'),
    nextCursor: z.string().nullable().describe('Pass it back for the next page; null on the last one.'),
  });

const paging = {
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page.'),
  limit: z.number().int().min(1).max(50).optional().describe('1 to 50, 20 by default.'),
};

export const listCampaigns = defineRequest({
  service: 'campaign',
  name: 'ListCampaigns',
  version: 1,
  description: 'The public catalog: approved, live and closed campaigns, filtered, sorted and paginated by cursor.',
  callers: ['gateway'],
  request: z.object({
    status: z.array(z.enum(CATALOG_STATUSES)).optional().describe('Statuses to show; all public ones by default.'),
    departement: departement().optional().describe('Only campaigns of this département.'),
    category: z.enum(CAMPAIGN_CATEGORIES).optional().describe('Only campaigns of this category.'),
    text: z.string().max(200).optional().describe('French full-text search.'),
    sort: z.enum(CATALOG_SORTS).optional().describe('newest (default), ending_soon or most_funded.'),
    ...paging,
  }),
  reply: page(campaignCardSchema),
});

const viewerSchema = z
  .object({
    accountId: uuid().describe('The account looking.'),
    roles: z.array(z.enum(ACCOUNT_ROLES)).describe('Its roles.'),
  })
  .describe('Who looks, when authenticated: drafts are shown to their holder and to moderators.');

export const getCampaign = defineRequest({
  service: 'campaign',
  name: 'GetCampaign',
  version: 1,
  description: 'Everything the campaign page shows; not_found for a draft the viewer may not see.',
  callers: ['gateway'],
  request: z.object({ campaignId: uuid().describe('The campaign.'), viewer: viewerSchema.optional() }),
  reply: campaignPageSchema,
});

export const listHolderCampaigns = defineRequest({
  service: 'campaign',
  name: 'ListHolderCampaigns',
  version: 1,
  description: "A holder's own campaigns in every status, newest first.",
  callers: ['gateway'],
  request: z.object({ holderId: uuid().describe('The holder (the authenticated account).'), ...paging }),
  reply: page(holderCampaignCardSchema),
});

export const changedCampaignSchema = z.object({
  campaignId: uuid().describe('The campaign.'),
  holderId: uuid().describe('Its holder.'),
  title: z.string().describe('Its title, as shown now.'),
  status: z.enum(CAMPAIGN_STATUSES).describe('Where it stands.'),
  version: z.number().int().min(1).describe('The number of its last change: send it back to acknowledge the changes.'),
  changedParts: z.array(z.enum(WATCHED_PARTS)).describe('What changed since the last acknowledgement.'),
  changedSince: instant().describe('The first change not acknowledged yet.'),
  lastChangedAt: instant().describe('The last change.'),
  imageUrl: nullable(z.string(), 'The image shown.'),
  pendingImageUrl: nullable(z.string(), 'The image waiting for review, if any.'),
  reviewed: z
    .object({
      title: z.string().nullable().describe('Title.'),
      summary: z.string().nullable().describe('Summary.'),
      plainLanguageSummary: z.string().nullable().describe('Plain-language summary; null also when there was none.'),
      story: z.string().nullable().describe('Story.'),
    })
    .describe('The words as a moderator last reviewed them (at approval or the last acknowledgement).'),
});

export const listChangedCampaigns = defineRequest({
  service: 'campaign',
  name: 'ListChangedCampaigns',
  version: 1,
  description: 'Campaigns changed since a moderator last reviewed them, oldest change first (a moderator or an admin).',
  callers: ['gateway'],
  request: z.object({ actor: actorSchema, ...paging }),
  reply: page(changedCampaignSchema),
});
