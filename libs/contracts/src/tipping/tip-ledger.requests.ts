import { z } from 'zod';
import { moneySchema } from '../money';
import { defineRequest } from '../request';

const monthSchema = () => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM');

const ledgerMonth = z.object({
  month: monthSchema().describe('The UTC calendar month in which the pledges and their tips were paid.'),
  total: moneySchema.describe('The tips above 0 still paid, summed.'),
  tips: z.number().int().min(0).describe('How many tips above 0 are still paid.'),
  contributions: z
    .number()
    .int()
    .min(1)
    .describe('Paid pledges of the month, tipped or not; a pledge refunded with its tip leaves the count.'),
  tippedPerMille: z.number().int().min(0).max(1_000).describe('tips / contributions in ‰, rounded half-even.'),
  average: moneySchema.nullable().describe('total / tips, rounded half-even to the cent; null without tips.'),
  median: moneySchema.nullable().describe('The middle tip, the lower of the two for an even count; null without tips.'),
});

/**
 * The platform's public tip income by month, from the tipping service's ledger read model: no id,
 * name or e-mail, only counts and amounts. Months without any paid pledge are left out.
 */
export const getTipLedger = defineRequest({
  service: 'tipping',
  name: 'GetTipLedger',
  version: 1,
  description:
    'The public tip ledger in `currency`, by month, oldest first, from `from` to `to` inclusive (both optional, YYYY-MM): ' +
    'per month the tips’ total, their number, the paid pledges, the share of them that tipped (‰), the average and the ' +
    'median tip. No personal data. A `from` after `to` is a validation error naming `from`.',
  callers: ['gateway', 'payout'],
  request: z.object({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .describe('ISO 4217 code of the ledger.'),
    from: monthSchema().optional().describe('The first month, YYYY-MM; from the first paid pledge when absent.'),
    to: monthSchema().optional().describe('The last month, YYYY-MM; up to the latest paid pledge when absent.'),
  }),
  reply: z.object({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .describe('ISO 4217 code of every amount.'),
    months: z.array(ledgerMonth).describe('Oldest first; only months with at least one paid pledge.'),
  }),
});
