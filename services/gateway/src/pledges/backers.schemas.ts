import { listBackers, listCampaignMessages } from '@elan/contracts';
import { z } from 'zod';
import { responseSchema } from '../openapi/api-schemas';

/**
 * `?cursor=…&limit=…` of the backers and messages routes. Query values are text: the limit is
 * coerced, then checked as the catalog's is (1 to 50); unknown parameters are refused.
 */
export const PledgePageQuerySchema = z.strictObject({
  cursor: listBackers.request.shape.cursor,
  limit: z.coerce
    .number()
    .pipe(listCampaignMessages.request.shape.limit.unwrap())
    .optional()
    .describe('Items per page: 1 to 50, 20 by default.'),
});
export type PledgePageQuery = z.infer<typeof PledgePageQuerySchema>;

export const BackersPageSchema = responseSchema('BackersPage', listBackers.reply);
export type BackersPage = z.infer<typeof BackersPageSchema>;
