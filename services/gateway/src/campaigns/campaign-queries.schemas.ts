import { CATALOG_STATUSES, listCampaigns, listHolderCampaigns } from '@elan/contracts';
import { z } from 'zod';

/**
 * Query strings of the catalog routes. Query values are text, so numbers are coerced and the
 * statuses come as one comma-separated value; each then goes through the contract's own
 * schema, so the accepted values are exactly those the campaign service takes.
 */

const catalog = listCampaigns.request.shape;

const limit = z.coerce
  .number()
  .pipe(listCampaigns.request.shape.limit.unwrap())
  .optional()
  .describe('Items per page: 1 to 50, 20 by default.');

const commaSeparated = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

export const CatalogQuerySchema = z.strictObject({
  status: z
    .string()
    .transform(commaSeparated)
    .pipe(z.array(z.enum(CATALOG_STATUSES)).min(1))
    .optional()
    .describe(`Comma-separated statuses to show (${CATALOG_STATUSES.join(', ')}); every public one by default.`),
  departement: catalog.departement,
  category: catalog.category,
  q: catalog.text.describe('Words to look for in titles, summaries and stories (French full-text search).'),
  sort: catalog.sort,
  cursor: catalog.cursor,
  limit,
});
export type CatalogQuery = z.infer<typeof CatalogQuerySchema>;

export const HolderCampaignsQuerySchema = z.strictObject({ cursor: listHolderCampaigns.request.shape.cursor, limit });
export type HolderCampaignsQuery = z.infer<typeof HolderCampaignsQuerySchema>;
