import {
  MAX_CHECKPOINTS_PER_REQUEST,
  MAX_LINKS_PER_REQUEST,
  MONEY_SERVICES,
  checkpointKeySchema,
  getPledgeStreamLinks,
  signedCheckpointWireSchema,
} from '@elan/contracts';
import { z } from 'zod';
import { responseSchema } from '../openapi/api-schemas';

const whole = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** `?log=pledge&after=12&limit=20`; without `log`, the latest checkpoint of each log (and no paging). */
export const CheckpointsQuerySchema = z
  .strictObject({
    log: z
      .enum(MONEY_SERVICES as [string, ...string[]])
      .optional()
      .describe('The log: `pledge`, `tipping` or `payout`. Without it, the latest checkpoint of each log.'),
    after: whole(0, 2_000_000_000).optional().describe('Only checkpoints of a higher sequence (with `log`).'),
    limit: whole(1, MAX_CHECKPOINTS_PER_REQUEST)
      .optional()
      .describe(`At most this many checkpoints, 1 to ${MAX_CHECKPOINTS_PER_REQUEST}, 20 by default (with \`log\`).`),
  })
  .superRefine((query, context) => {
    for (const field of ['after', 'limit'] as const)
      if (query[field] !== undefined && query.log === undefined)
        context.addIssue({ code: 'custom', path: [field], message: 'needs log: pages go through one log' });
  });
export type CheckpointsQuery = z.infer<typeof CheckpointsQuerySchema>;

export const StreamLinksQuerySchema = z.strictObject({
  from: whole(1, 2_000_000_000).default(1).describe('The first position, 1 by default.'),
  limit: whole(1, MAX_LINKS_PER_REQUEST)
    .default(100)
    .describe(`At most this many links, 1 to ${MAX_LINKS_PER_REQUEST}, 100 by default.`),
});
export type StreamLinksQuery = z.infer<typeof StreamLinksQuerySchema>;

/** A stream id in the path: a money stream's id (`pledge-…`, `tip-…`); others are a 404. */
export const StreamIdSchema = z
  .string()
  .min(1)
  .max(1_000)
  .describe('A money stream, e.g. `pledge-<pledgeId>`, `tip-<tipId>`, `payoutledger-<campaignId>`, `payout-<statementId>`.');

export const TransparencyKeySchema = responseSchema('TransparencyKey', checkpointKeySchema);
export type TransparencyKey = z.infer<typeof TransparencyKeySchema>;

export const SignedCheckpointsSchema = responseSchema(
  'SignedCheckpoints',
  z.object({
    checkpoints: z
      .array(signedCheckpointWireSchema)
      .describe('Oldest first within a log; without `log`, the latest of each log (none before its first).'),
  }),
);
export type SignedCheckpoints = z.infer<typeof SignedCheckpointsSchema>;

export const StreamLinksSchema = responseSchema('StreamLinks', getPledgeStreamLinks.reply);
export type StreamLinks = z.infer<typeof StreamLinksSchema>;
