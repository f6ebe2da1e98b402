import { z } from 'zod';
import { actorSchema } from '../campaign/campaign-values.schemas';
import { FUNDING_MODELS, instant, uuid } from '../campaign/campaign-fields';
import { moneySchema } from '../money';
import { defineRequest } from '../request';

/** Where a statement stands: drawn → (awaiting_account) → transfer_requested → paid | transfer_failed (retried). */
export const STATEMENT_STATUSES = ['drawn', 'awaiting_account', 'transfer_requested', 'paid', 'transfer_failed'] as const;

const tally = (what: string) =>
  z
    .object({
      count: z.number().int().min(0).describe(`How many ${what}.`),
      amount: moneySchema.describe(`Their sum, in integer minor units.`),
    })
    .describe(what);

/** One statement as its holder and admins read it: the lines, the transfer, and why it waits. */
export const statementSchema = z.object({
  statementId: uuid().describe('The statement.'),
  campaignId: uuid().describe('The campaign it pays out.'),
  holderId: uuid().describe('The holder it is paid to.'),
  sequence: z.number().int().min(1).describe('1 for the campaign’s first statement, then 2, 3…'),
  fundingModel: z.enum(FUNDING_MODELS).describe('How the campaign collects.'),
  trigger: z
    .enum(['collection_closed', 'schedule', 'holder_request'])
    .describe('What drew it: an all-or-nothing collection closed, the keep-it-all schedule, or the holder’s request.'),
  status: z.enum(STATEMENT_STATUSES).describe('Where it stands.'),
  drawnAt: instant().describe('When it was drawn.'),
  lines: z
    .object({
      pledgesCollected: tally('pledges charged for the campaign so far (tips excluded)'),
      pledgesRefunded: tally('charged pledges given back so far'),
      refundsAlreadyNetted: tally('of those refunds, the ones earlier statements netted already'),
      previouslyStated: tally('earlier statements of the campaign and what they stated'),
      platformAdvances: tally('refunds made after earlier statements, advanced by the platform (ADR 0027)'),
      advancesReversed: tally('advances taken back by transfer reversals'),
      netDue: moneySchema.describe(
        'What this statement pays: collected − refunded − previously stated + reversed, never negative; 100 % of the pledges.',
      ),
      processingFeesBorneByPlatform: moneySchema
        .nullable()
        .describe(
          'Stripe’s fees on the payments this statement covers first: the platform’s, shown and never deducted; null until known.',
        ),
      tips: z.literal('excluded').describe('Tips are the platform’s, never part of a statement.'),
    })
    .describe('The statement’s lines, in the campaign’s currency.'),
  transfer: z
    .object({
      transferGroup: z
        .string()
        .min(1)
        .describe('The Connect transfer group: campaign-<campaignId>, as on the campaign’s payments.'),
      transferId: z.string().min(1).nullable().describe('The Stripe transfer once paid, or null.'),
      paidAt: instant().nullable().describe('When it was paid, or null.'),
      attempts: z.number().int().min(0).describe('Transfer attempts made.'),
      lastFailure: z
        .object({
          code: z.string().min(1).describe('Stripe’s code, or stripe_unreachable.'),
          reason: z.string().min(1).describe('Stripe’s message.'),
          at: instant().describe('When it failed.'),
        })
        .nullable()
        .describe('Why the last attempt failed, or null.'),
      nextAttemptAt: instant().nullable().describe('When the next attempt is due, or null when none is planned.'),
    })
    .describe('The Connect transfer that pays the statement.'),
  waitingFor: z
    .object({
      reason: z.string().min(1).describe('In plain words, why the payout account cannot receive the transfer yet.'),
      requirements: z.array(z.string().min(1)).describe('What Stripe still needs from the holder.'),
      since: instant().describe('Since when it waits.'),
    })
    .nullable()
    .describe('Set while the statement waits for the holder’s payout account.'),
  covers: z
    .object({
      streamId: z.string().min(1).describe('The campaign’s payout ledger stream (payoutledger-<campaignId>).'),
      position: z.number().int().min(0).describe('The position of the last ledger fact the statement covers.'),
      hash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .describe('That fact’s link hash (ADR 0025), for a verifier.'),
    })
    .describe('The last fact of the payout ledger the statement covers.'),
  facts: z
    .object({
      streamId: z.string().min(1).describe('The campaign’s payout ledger stream (payoutledger-<campaignId>).'),
      position: z.number().int().min(1).describe('The position of the ledger’s StatementRecorded that drew this statement.'),
      hash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .describe('That event’s link hash, lowercase hex (ADR 0025).'),
    })
    .nullable()
    .describe(
      'The fact the statement reports: the ledger event that drew it. Check it against a signed checkpoint with ' +
        '`npm run verify-ledger -- <base URL> --fact <streamId>:<position>:<hash>`. Null for statements drawn before ' +
        'statements named their facts.',
    ),
});

const campaignBalance = z
  .object({
    campaignId: uuid().describe('The campaign.'),
    holderId: uuid().describe('Its holder.'),
    fundingModel: z.enum(FUNDING_MODELS).describe('How it collects.'),
    collected: tally('pledges charged so far'),
    refunded: tally('charged pledges given back'),
    stated: tally('statements drawn and what they stated'),
    netDue: moneySchema.describe('What a statement drawn now would pay.'),
    outstandingAdvance: moneySchema.describe('What the platform advanced (refunds after payout) and has not recovered yet.'),
    nextStatement: z.string().min(1).describe('In plain words, when the next statement comes, or why none can.'),
  })
  .describe('The campaign’s money as the payout service knows it.');

export const listCampaignPayouts = defineRequest({
  service: 'payout',
  name: 'ListCampaignPayouts',
  version: 1,
  description: 'A campaign’s statements and balance, for its holder or an admin; newest statement first.',
  callers: ['gateway'],
  request: z.object({ actor: actorSchema, campaignId: uuid().describe('The campaign.') }),
  reply: z.object({
    balance: campaignBalance,
    statements: z.array(statementSchema).describe('Its statements, newest first.'),
  }),
});

export const listMyPayouts = defineRequest({
  service: 'payout',
  name: 'ListMyPayouts',
  version: 1,
  description: 'The asking holder’s statements across their campaigns, newest first.',
  callers: ['gateway'],
  request: z.object({ actor: actorSchema }),
  reply: z.object({ statements: z.array(statementSchema).describe('The holder’s statements, newest first.') }),
});

export const requestPayout = defineRequest({
  service: 'payout',
  name: 'RequestPayout',
  version: 1,
  description:
    'The holder of a keep-it-all campaign asks for a statement now: drawn on what is due and transferred. ' +
    'illegal_state (nothing_due) when nothing is, or for an all-or-nothing campaign (paid once its collection closes).',
  callers: ['gateway'],
  request: z.object({ actor: actorSchema, campaignId: uuid().describe('The campaign.') }),
  reply: statementSchema,
});
