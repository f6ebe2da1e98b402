import { z } from 'zod';
import { actorSchema } from '../campaign/campaign-values.schemas';
import { defineRequest } from '../request';
import { statementSchema } from './payout-statements.requests';

/** The statements an admin watches: not paid yet, for whatever reason. */
export const UNPAID_STATEMENT_STATUSES = ['drawn', 'awaiting_account', 'transfer_requested', 'transfer_failed'] as const;

/** The most statements one answer lists. */
export const MAX_UNPAID_STATEMENTS = 200;

export const listUnpaidStatements = defineRequest({
  service: 'payout',
  name: 'ListUnpaidStatements',
  version: 1,
  description:
    'For admins: the statements not paid yet across every campaign — failing transfers, accounts that cannot receive, ' +
    'transfers under way — oldest drawn first, optionally of some statuses only. forbidden for anyone but an admin.',
  callers: ['gateway'],
  request: z.object({
    actor: actorSchema,
    statuses: z
      .array(z.enum(UNPAID_STATEMENT_STATUSES))
      .min(1)
      .optional()
      .describe('Only these statuses; every unpaid status when absent.'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(MAX_UNPAID_STATEMENTS)
      .describe(`At most this many statements (1 to ${MAX_UNPAID_STATEMENTS}).`),
  }),
  reply: z.object({
    statements: z.array(statementSchema).describe('The unpaid statements, oldest drawn first.'),
    total: z.number().int().min(0).describe('How many statements match, beyond the ones listed too.'),
  }),
});
