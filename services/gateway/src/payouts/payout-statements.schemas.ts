import {
  listCampaignPayouts,
  listMyPayouts,
  listUnpaidStatements,
  MAX_UNPAID_STATEMENTS,
  requestPayout,
  UNPAID_STATEMENT_STATUSES,
} from '@elan/contracts';
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

const commaSeparated = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** `?status=transfer_failed,awaiting_account&limit=50` of the admins' unpaid statements. */
export const UnpaidStatementsQuerySchema = z.strictObject({
  status: z
    .string()
    .transform(commaSeparated)
    .pipe(z.array(z.enum(UNPAID_STATEMENT_STATUSES)).min(1))
    .optional()
    .describe(`Comma-separated statuses (${UNPAID_STATEMENT_STATUSES.join(', ')}); every unpaid one by default.`),
  limit: z.coerce
    .number()
    .pipe(listUnpaidStatements.request.shape.limit)
    .optional()
    .describe(`Statements to list: 1 to ${MAX_UNPAID_STATEMENTS}, 50 by default.`),
});
export type UnpaidStatementsQuery = z.infer<typeof UnpaidStatementsQuerySchema>;

export const UnpaidStatementsSchema = responseSchema('UnpaidStatements', listUnpaidStatements.reply);
export type UnpaidStatements = z.infer<typeof UnpaidStatementsSchema>;
