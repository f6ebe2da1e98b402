import { z } from 'zod';
import { defineRequest } from '../request';
import { uuid } from './campaign-fields';
import {
  CAMPAIGN_STATUSES,
  actorSchema,
  campaignChangesSchema,
  campaignFieldsSchema,
  tierChangesSchema,
  tierDefinitionSchema,
} from './campaign-values.schemas';

/**
 * The commands the public API sends the campaign service on a user's behalf. Each carries the
 * authenticated actor; the campaign decides whether that actor may. Each is idempotent on its
 * ids (chosen by the caller), since a timed-out request may have run (ADR 0006).
 */

export const campaignCommandReply = z.object({
  campaignId: uuid().describe('The campaign.'),
  status: z.enum(CAMPAIGN_STATUSES).describe('Where the campaign stands after the command.'),
  version: z.number().int().min(0).describe('The campaign stream version after the command.'),
});

const command = <Name extends string, Shape extends z.ZodRawShape>(name: Name, description: string, shape: Shape) =>
  defineRequest({
    service: 'campaign',
    name,
    version: 1,
    description,
    callers: ['gateway'],
    request: z.object({ actor: actorSchema, campaignId: uuid().describe('The campaign.'), ...shape }),
    reply: campaignCommandReply,
  });

export const createCampaign = command('CreateCampaign', 'Starts a draft; the actor becomes its holder.', {
  ...campaignFieldsSchema.pick({ title: true, category: true, fundingModel: true, location: true }).shape,
  ...campaignFieldsSchema
    .pick({
      summary: true,
      plainLanguageSummary: true,
      story: true,
      imageUrl: true,
      goal: true,
      startsAt: true,
      deadline: true,
      stretchGoals: true,
    })
    .partial().shape,
});

export const editCampaign = command('EditCampaign', 'Changes some fields of a campaign (its holder).', {
  changes: campaignChangesSchema,
});

export const submitCampaign = command('SubmitCampaign', 'Sends a complete draft to moderation (its holder).', {});

export const approveCampaign = command(
  'ApproveCampaign',
  'Accepts a submitted campaign; it goes live at its start (a moderator).',
  {},
);

export const rejectCampaign = command('RejectCampaign', 'Sends a submitted campaign back to draft with a reason (a moderator).', {
  reason: z.string().min(1).describe('Why, as told to the holder.'),
});

export const cancelCampaign = command(
  'CancelCampaign',
  'Stops an approved or live campaign; its pledges are released (its holder or an admin).',
  {
    reason: z.string().min(1).describe('Why, as told to contributors.'),
  },
);

export const addTier = command('AddTier', 'Adds a reward tier (its holder).', { tier: tierDefinitionSchema });

export const editTier = command('EditTier', 'Changes a tier; price and stock only in draft (its holder).', {
  tierId: uuid().describe('The tier.'),
  changes: tierChangesSchema,
});

export const closeTier = command('CloseTier', 'Stops a tier taking new pledges (its holder).', {
  tierId: uuid().describe('The tier.'),
});

export const removeTier = command('RemoveTier', 'Deletes a tier from a draft (its holder).', {
  tierId: uuid().describe('The tier.'),
});

export const postCampaignUpdate = command('PostCampaignUpdate', 'Publishes news on the campaign page (its holder).', {
  updateId: uuid().describe('Stable id of the update, chosen by the caller.'),
  title: z.string().describe('1 to 120 characters.'),
  body: z.string().describe('1 to 10,000 characters.'),
});

const versionSeen = z
  .number()
  .int()
  .min(0)
  .describe('The `version` of the changed campaign the moderator reviewed; another one is refused (conflict).');

export const acknowledgeCampaignChanges = command(
  'AcknowledgeCampaignChanges',
  'Acknowledges the changes since approval up to a version; a new image waiting is shown (a moderator, not its holder).',
  { version: versionSeen },
);

export const refuseCampaignImage = command(
  'RefuseCampaignImage',
  'Refuses the new image waiting at a version; the shown one stays and the holder reads why (a moderator, not its holder).',
  { version: versionSeen, reason: z.string().min(1).describe('Why, as told to the holder.') },
);

export const campaignCommands = [
  createCampaign,
  editCampaign,
  submitCampaign,
  approveCampaign,
  rejectCampaign,
  cancelCampaign,
  addTier,
  editTier,
  closeTier,
  removeTier,
  postCampaignUpdate,
  acknowledgeCampaignChanges,
  refuseCampaignImage,
] as const;
