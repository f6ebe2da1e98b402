import { z } from 'zod';

/**
 * Money on the wire: the same shape as `Money` of `@elan/domain-kernel`, an integer count of
 * minor units and an ISO 4217 code. Never a float or a decimal string, so no consumer ever has
 * to round what a publisher meant exactly. `z.number().int()` also bounds the amount to the
 * safe integer range, beyond which JSON numbers lose cents.
 */
export const moneySchema = z.object({
  amount: z.number().int().describe("Integer count of the currency's minor units (cents for EUR); a safe integer."),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .describe('ISO 4217 alphabetic code, e.g. EUR.'),
});

export type MoneyPayload = z.infer<typeof moneySchema>;
