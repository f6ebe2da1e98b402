import { campaignLedgerSchema, payoutMonthSchema } from '@elan/contracts';
import { z } from 'zod';
import { responseSchema } from '../openapi/api-schemas';

const month = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM')
    .describe(`${what}, YYYY-MM (UTC).`);

/** `?from=2026-01&to=2026-06`, each optional; a range that ends before it starts is refused naming `from`. */
export const PlatformMonthsQuerySchema = z
  .strictObject({ from: month('The first month').optional(), to: month('The last month').optional() })
  .superRefine(({ from, to }, context) => {
    if (from && to && from > to) context.addIssue({ code: 'custom', path: ['from'], message: 'must not come after to' });
  });
export type PlatformMonthsQuery = z.infer<typeof PlatformMonthsQuerySchema>;

const tally = (what: string) =>
  z.object({
    count: z.number().int().min(0).describe(`How many ${what}.`),
    amount: z
      .object({ amount: z.number().int(), currency: z.string().regex(/^[A-Z]{3}$/) })
      .describe('Their sum, in integer minor units.'),
  });

export const PlatformMonthsSchema = responseSchema(
  'PlatformTransparency',
  z.object({
    months: z
      .array(
        payoutMonthSchema.extend({
          tipsReceived: tally('tips above 0 received with the pledges paid in the month, still paid').describe(
            'The platform’s tip income of the month (the tipping ledger: GET /api/tips/ledger).',
          ),
        }),
      )
      .describe('Oldest first, then by currency; only months with pledges, payouts or tips.'),
  }),
);
export type PlatformMonths = z.infer<typeof PlatformMonthsSchema>;

export const CampaignLedgerSchema = responseSchema('CampaignLedger', campaignLedgerSchema);
export type CampaignLedger = z.infer<typeof CampaignLedgerSchema>;
