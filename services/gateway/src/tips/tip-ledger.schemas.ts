import { getTipLedger } from '@elan/contracts';
import { z } from 'zod';
import { responseSchema } from '../openapi/api-schemas';

const month = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM')
    .describe(`${what}, YYYY-MM (UTC).`);

/**
 * `?from=2026-01&to=2026-06&currency=EUR`, each optional; a range that ends before it starts is
 * refused naming `from`. Unknown parameters are refused.
 */
export const TipLedgerQuerySchema = z
  .strictObject({
    from: month('The first month').optional(),
    to: month('The last month').optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in capitals, e.g. EUR')
      .default('EUR')
      .describe('ISO 4217 code of the ledger, in capitals; EUR by default.'),
  })
  .superRefine(({ from, to }, context) => {
    if (from && to && from > to) context.addIssue({ code: 'custom', path: ['from'], message: 'must not come after to' });
  });
export type TipLedgerQuery = z.infer<typeof TipLedgerQuerySchema>;

/** What the route answers: the contract's reply as it is. */
export const TipLedgerSchema = responseSchema('TipLedger', getTipLedger.reply);
export type TipLedger = z.infer<typeof TipLedgerSchema>;
