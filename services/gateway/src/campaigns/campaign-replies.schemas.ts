import { campaignCommandReply, getCampaign, listCampaigns, listHolderCampaigns } from '@elan/contracts';
import { z } from 'zod';
import { responseSchema } from '../openapi/api-schemas';

/**
 * What the campaign routes answer: the contracts' replies as they are, named for the OpenAPI
 * document. A route that picked an id for the client (a tier, an update) adds it to the reply,
 * since the client has no other way to learn it.
 */

export const CampaignCommandReplySchema = responseSchema('CampaignCommandReply', campaignCommandReply);
export type CampaignCommandReply = z.infer<typeof CampaignCommandReplySchema>;

export const AddedTierReplySchema = responseSchema(
  'AddedTierReply',
  campaignCommandReply.extend({ tierId: z.uuid().describe('The tier, as given or as the gateway picked it.') }),
);
export type AddedTierReply = z.infer<typeof AddedTierReplySchema>;

export const PostedCampaignUpdateReplySchema = responseSchema(
  'PostedCampaignUpdateReply',
  campaignCommandReply.extend({ updateId: z.uuid().describe('The update, as given or as the gateway picked it.') }),
);
export type PostedCampaignUpdateReply = z.infer<typeof PostedCampaignUpdateReplySchema>;

export const CampaignCatalogPageSchema = responseSchema('CampaignCatalogPage', listCampaigns.reply);
export type CampaignCatalogPage = z.infer<typeof CampaignCatalogPageSchema>;

export const CampaignPageSchema = responseSchema('CampaignPage', getCampaign.reply);
export type CampaignPage = z.infer<typeof CampaignPageSchema>;

export const HolderCampaignsPageSchema = responseSchema('HolderCampaignsPage', listHolderCampaigns.reply);
export type HolderCampaignsPage = z.infer<typeof HolderCampaignsPageSchema>;
