import { acknowledgeCampaignChanges, listChangedCampaigns, listSubmittedCampaigns, refuseCampaignImage } from '@elan/contracts';
import { z } from 'zod';
import { requestSchema, responseSchema } from '../openapi/api-schemas';

/**
 * Bodies, query and reply of the moderation of changes made once a campaign is approved
 * (ADR 0012), cut from the contracts the gateway sends on, as in `campaign-bodies.schemas.ts`.
 */

export const AcknowledgeCampaignChangesBodySchema = requestSchema(
  'AcknowledgeCampaignChangesRequest',
  z.strictObject(acknowledgeCampaignChanges.request.pick({ version: true }).shape),
);
export type AcknowledgeCampaignChangesBody = z.infer<typeof AcknowledgeCampaignChangesBodySchema>;

export const RefuseCampaignImageBodySchema = requestSchema(
  'RefuseCampaignImageRequest',
  z.strictObject(refuseCampaignImage.request.pick({ version: true, reason: true }).shape),
);
export type RefuseCampaignImageBody = z.infer<typeof RefuseCampaignImageBodySchema>;

const { cursor, limit } = listChangedCampaigns.request.shape;

/** Query values are text: the limit is coerced, then checked by the contract's own schema. */
export const ChangedCampaignsQuerySchema = z.strictObject({
  cursor,
  limit: z.coerce.number().pipe(limit.unwrap()).optional().describe('Items per page: 1 to 50, 20 by default.'),
});
export type ChangedCampaignsQuery = z.infer<typeof ChangedCampaignsQuerySchema>;

export const ChangedCampaignsPageSchema = responseSchema('ChangedCampaignsPage', listChangedCampaigns.reply);
export type ChangedCampaignsPage = z.infer<typeof ChangedCampaignsPageSchema>;

/** The review queue's page (issue #12): the same paging query as the changed campaigns'. */
export const SubmittedCampaignsPageSchema = responseSchema('SubmittedCampaignsPage', listSubmittedCampaigns.reply);
export type SubmittedCampaignsPage = z.infer<typeof SubmittedCampaignsPageSchema>;
