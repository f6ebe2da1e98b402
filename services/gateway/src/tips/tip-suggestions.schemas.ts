import { suggestTips } from '@elan/contracts';
import { z } from 'zod';
import { responseSchema } from '../openapi/api-schemas';

/** The smallest pledge, in minor units (1 € by default, issue #10): no tip is suggested below it. */
export const MIN_PLEDGE_MINOR_UNITS = 100;
/** The largest pledge the route suggests tips for, in minor units (€100,000). */
export const MAX_PLEDGE_MINOR_UNITS = 10_000_000;

/**
 * `?amount=3000&currency=EUR`: query values are text, so the amount is coerced, then must be a
 * whole number of minor units within the pledge limits; the currency is an ISO 4217 code in
 * capitals, EUR when left out. Unknown parameters are refused.
 */
export const TipSuggestionsQuerySchema = z.strictObject({
  amount: z.coerce
    .number()
    .int()
    .min(MIN_PLEDGE_MINOR_UNITS)
    .max(MAX_PLEDGE_MINOR_UNITS)
    .describe(
      `The pledge, as a whole number of minor units (cents for EUR): ${MIN_PLEDGE_MINOR_UNITS} to ${MAX_PLEDGE_MINOR_UNITS}.`,
    ),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in capitals, e.g. EUR')
    .default('EUR')
    .describe('ISO 4217 code of the pledge, in capitals; EUR by default.'),
});
export type TipSuggestionsQuery = z.infer<typeof TipSuggestionsQuerySchema>;

/** What the route answers: the contract's reply as it is. */
export const TipSuggestionsSchema = responseSchema('TipSuggestions', suggestTips.reply);
export type TipSuggestions = z.infer<typeof TipSuggestionsSchema>;
