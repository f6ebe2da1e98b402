import { z } from 'zod';
import { instant, uuid } from '../campaign/campaign-fields';
import { ACCOUNT_ROLES } from '../campaign/campaign-values.schemas';
import { moneySchema } from '../money';
import { defineRequest } from '../request';
import { pledgeViewerSchema } from './pledge.requests';

/**
 * What holders and supporters see of the pledges (issue #10, deliverable 3): a campaign's backers
 * for its holder, its messages of support for everyone, a paid pledge's receipt. Personal data is
 * opened by the pledge service at read time; a person who was erased shows as "erased" (or, in
 * the public messages, not at all). The tip never appears where the holder looks.
 */

/** The statuses of a pledge that counts or counted: committed in time, then possibly withdrawn. */
export const BACKER_STATUSES = [
  'committed',
  'refund_requested',
  'collecting',
  'collection_declined',
  'card_updated',
  'collected',
  'cancelled',
  'refunded',
  'released',
  'dropped',
] as const;

const paging = (max: number) => ({
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page.'),
  limit: z.number().int().min(1).max(max).optional().describe(`1 to ${max}, 20 by default.`),
});

const nextCursor = () => z.string().nullable().describe('Pass it back for the next page; null on the last one.');

const publicName = () =>
  z.string().describe('The name as the campaign page shows it: the name if the contributor chose to show it, else "anonymous".');

export const backerSchema = z.object({
  pledgeId: uuid().describe('The pledge.'),
  publicName: publicName(),
  name: z.string().nullable().describe('The name given (the holder sees it even when not shown), "erased", null if none.'),
  email: z.string().nullable().describe('The contributor’s e-mail address, "erased" once the person was erased.'),
  amount: moneySchema.describe('The pledge, all of it for the project (never the tip).'),
  tierId: uuid().nullable().describe('The reward tier, if any.'),
  committedAt: instant().describe('When Stripe confirmed the pledge, before the deadline.'),
  status: z.enum(BACKER_STATUSES).describe('Where the pledge stands now.'),
});

export const listBackers = defineRequest({
  service: 'pledge',
  name: 'ListBackers',
  version: 1,
  description:
    'The pledges of a campaign that count or counted, oldest commitment first, for its holder or an admin (forbidden to ' +
    'anyone else; not_found for an unknown campaign). Never the tip. Paginated by cursor.',
  callers: ['gateway'],
  request: z.object({
    campaignId: uuid().describe('The campaign.'),
    viewer: z
      .object({
        accountId: uuid().describe('The account asking.'),
        roles: z.array(z.enum(ACCOUNT_ROLES)).describe('Its roles.'),
      })
      .describe('Who asks: the campaign’s holder or an admin.'),
    ...paging(200),
  }),
  reply: z.object({ items: z.array(backerSchema).describe('This page.'), nextCursor: nextCursor() }),
});

export const campaignMessageSchema = z.object({
  publicName: publicName(),
  message: z.string().describe('The message of support, as its author wrote it.'),
  postedAt: instant().describe('When the pledge it came with was committed.'),
});

export const listCampaignMessages = defineRequest({
  service: 'pledge',
  name: 'ListCampaignMessages',
  version: 1,
  description:
    'The public messages of support of a campaign’s pledges that count, newest first. A message whose author was erased is ' +
    'left out (their words go with them). not_found for an unknown campaign. Paginated by cursor; a page may hold fewer ' +
    'items than the limit when messages were left out.',
  callers: ['gateway'],
  request: z.object({ campaignId: uuid().describe('The campaign.'), ...paging(50) }),
  reply: z.object({ items: z.array(campaignMessageSchema).describe('This page.'), nextCursor: nextCursor() }),
});

export const RECEIPT_STATEMENT = {
  en: '100 % of your pledge goes to the project; Élan takes no commission. Your tip, if any, funds the platform.',
  fr: '100 % de votre contribution va au projet ; Élan ne prend aucune commission. Votre pourboire éventuel finance la plateforme.',
} as const;

const receiptLine = z.object({
  kind: z.enum(['pledge', 'tip']).describe('The pledge to the project, or the voluntary tip to the platform.'),
  description: z.string().describe('What the line is for, in English.'),
  amount: moneySchema.describe('What was paid for it.'),
});

/**
 * Where in the pledge's hash-chained stream the receipt's facts stand, so anyone can check them
 * against a signed checkpoint (ADR 0025) without trusting the database.
 */
const receiptFactsSchema = z
  .object({
    streamId: z
      .string()
      .regex(/^pledge-/)
      .max(200)
      .describe('The pledge’s stream, `pledge-<pledgeId>`.'),
    position: z.number().int().min(1).describe('The position of the stream’s last event when the receipt was read.'),
    hash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('That event’s link hash, 64 lowercase hex digits.'),
  })
  .describe(
    'The stream position and hash of the facts this receipt reports: the head of `pledge-<pledgeId>` when it was read. ' +
      'Check it with `npm run verify-ledger -- <base URL> --fact <streamId>:<position>:<hash>` against a checkpoint ' +
      'signed since (checkpoints are issued every hour and on each payout).',
  );

export const pledgeReceiptSchema = z.object({
  receiptNumber: uuid().describe('The receipt’s number: the pledge id.'),
  pledgeId: uuid().describe('The pledge.'),
  campaign: z
    .object({ campaignId: uuid().describe('The campaign.'), title: z.string().describe('Its title today.') })
    .describe('The campaign backed.'),
  fundingModel: z.enum(['all_or_nothing', 'keep_it_all']).describe('Charged at once, or at the campaign’s success.'),
  lines: z.array(receiptLine).describe('The pledge, then the tip: always two separate lines (a tip of 0 included).'),
  total: moneySchema.describe('What the card was charged: pledge + tip.'),
  paidAt: instant().describe('When the card was charged.'),
  contributor: z
    .object({
      name: z.string().nullable().describe('The name given, "erased", null if none.'),
      email: z.string().nullable().describe('The e-mail address, "erased" once the person was erased.'),
    })
    .describe('Who paid.'),
  refund: z
    .object({
      refundedAt: instant().describe('When the refund was decided.'),
      pledge: moneySchema.describe('The pledge’s part given back.'),
      tip: moneySchema.describe('The tip’s part given back (by the tipping service, with the pledge).'),
      total: moneySchema.describe('Both together.'),
    })
    .nullable()
    .describe('The refund of the whole payment, when the pledge was refunded or withdrawn; null otherwise.'),
  statement: z
    .object({ en: z.string().describe('In English.'), fr: z.string().describe('En français.') })
    .describe('The platform’s statement: the whole pledge goes to the project.'),
  facts: receiptFactsSchema,
});
export type PledgeReceipt = z.infer<typeof pledgeReceiptSchema>;

export const getPledgeReceipt = defineRequest({
  service: 'pledge',
  name: 'GetPledgeReceipt',
  version: 1,
  description:
    'The receipt of a paid pledge (keep-it-all committed, all-or-nothing collected; a refunded one shows its refund) for its ' +
    'contributor (account or guest token), the campaign’s holder or an admin; not_found for anyone else, illegal_state ' +
    'for a pledge that was never paid.',
  callers: ['gateway'],
  request: z.object({ pledgeId: uuid().describe('The pledge.'), viewer: pledgeViewerSchema }),
  reply: pledgeReceiptSchema,
});
