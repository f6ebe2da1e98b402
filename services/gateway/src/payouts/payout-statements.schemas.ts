import { listCampaignPayouts, listMyPayouts, requestPayout } from '@elan/contracts';
import { z } from 'zod';
import { responseSchema } from '../openapi/api-schemas';

/** `?format=json|csv|html` of the payouts routes; without it, the Accept header decides (JSON by default). */
export const PayoutsQuerySchema = z.strictObject({
  format: z.enum(['json', 'csv', 'html']).optional().describe('json (default), csv, or html (a printable page).'),
});
export type PayoutsQuery = z.infer<typeof PayoutsQuerySchema>;

export const CampaignPayoutsSchema = responseSchema('CampaignPayouts', listCampaignPayouts.reply);
export type CampaignPayouts = z.infer<typeof CampaignPayoutsSchema>;
export const MyPayoutsSchema = responseSchema('MyPayouts', listMyPayouts.reply);
export type MyPayouts = z.infer<typeof MyPayoutsSchema>;
export const PayoutStatementSchema = responseSchema('PayoutStatement', requestPayout.reply);
export type PayoutStatement = z.infer<typeof PayoutStatementSchema>;
