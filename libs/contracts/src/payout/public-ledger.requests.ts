import { z } from 'zod';
import { uuid } from '../campaign/campaign-fields';
import { moneySchema } from '../money';
import { defineRequest } from '../request';

/** The most facts a figure of the public ledger lists (the most recent); its `count` says how many there are. */
export const MAX_FACTS_PER_FIGURE = 20;

const hash = () =>
  z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lowercase hex digits')
    .describe('The event’s link hash, lowercase hex (ADR 0025).');

/** One event behind a figure: where it is in the hash chains, never what it says about anyone. */
export const ledgerFactSchema = z
  .object({
    streamId: z
      .string()
      .min(1)
      .describe(
        'The stream: the campaign’s payout ledger (`payoutledger-<campaignId>`) or a statement (`payout-<statementId>`).',
      ),
    position: z.number().int().min(1).describe('The event’s position in it.'),
    hash: hash(),
  })
  .describe('An event behind a figure; `npm run verify-ledger -- <base URL> --fact <streamId>:<position>:<hash>` checks it.');

const figure = (what: string) =>
  z
    .object({
      count: z.number().int().min(0).describe(`How many ${what}.`),
      amount: moneySchema.describe('Their sum, in integer minor units.'),
      facts: z
        .array(ledgerFactSchema)
        .max(MAX_FACTS_PER_FIGURE)
        .describe(
          `The events behind it, the ${MAX_FACTS_PER_FIGURE} most recent at most, oldest first; \`count\` says how many.`,
        ),
    })
    .describe(what);

const chainSchema = z.object({
  streamId: z.string().min(1).describe('A stream involved: the payout ledger or one of its statements.'),
  ok: z.boolean().describe('Whether its hash chain holds, link by link (the event store’s `verify`).'),
  eventsChecked: z.number().int().min(0).describe('How many of its events were checked.'),
  firstBrokenLink: z
    .object({
      position: z.number().int().min(1).describe('The first position whose link does not hold.'),
      reason: z.enum(['hash_mismatch', 'position_gap']).describe('An event or its predecessor altered, or one missing.'),
    })
    .nullable()
    .describe('Where the chain breaks, or null.'),
});

/**
 * A campaign's money as anyone may read it (issue #11, deliverable 4): the payout ledger's
 * figures, the events behind each, and whether their hash chains hold. No holder, pledge,
 * contributor or payment id: amounts, counts, stream positions and hashes only.
 */
export const campaignLedgerSchema = z.object({
  campaignId: uuid().describe('The campaign.'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .describe('ISO 4217 code of every amount.'),
  head: ledgerFactSchema.describe('The payout ledger’s last event: every figure is as of it.'),
  collected: figure('pledges charged for the campaign (tips excluded)'),
  refunded: figure('charged pledges given back'),
  paidOut: figure('statements paid to the holder by a Connect transfer (the facts: each statement’s StatementPaid)'),
  reversed: figure('refunds after payout taken back from the holder’s transfers (ADR 0027)'),
  stillDue: moneySchema.describe(
    'Owed to the holder and not transferred yet: what a statement drawn now would pay, plus statements drawn and not paid.',
  ),
  stillDueFacts: z
    .array(ledgerFactSchema)
    .max(MAX_FACTS_PER_FIGURE)
    .describe('The ledger’s StatementRecorded of each statement drawn and not paid yet.'),
  advancedByPlatform: moneySchema.describe(
    'Refunds after payout the platform advanced and has not recovered yet (ADR 0027); 0 most of the time.',
  ),
  balances: z
    .boolean()
    .describe(
      'Each statement paid what the ledger stated for it, and collected − refunded = paid out − reversed + still due − ' +
        'advanced by the platform, to the cent. An amount altered in the ledger itself shows in `chains`, not here.',
    ),
  chains: z.array(chainSchema).describe('The hash chain of each stream involved: the payout ledger first, then its statements.'),
  verified: z.boolean().describe('Every chain holds. It proves nothing against whoever runs the database: see the checkpoints.'),
});

export const getCampaignLedger = defineRequest({
  service: 'payout',
  name: 'GetCampaignLedger',
  version: 1,
  description:
    'A campaign’s public ledger from its payout ledger stream and its statements: collected, refunded, paid out, ' +
    'reversed and still due, each with the events behind it (stream, position, hash; the most recent ' +
    `${MAX_FACTS_PER_FIGURE} at most), and the store’s verification of every chain involved. No personal data. ` +
    'not_found when the campaign has no payout ledger (never launched, or not yet known to the payout service).',
  callers: ['gateway'],
  request: z.object({ campaignId: uuid().describe('The campaign.') }),
  reply: campaignLedgerSchema,
});

const monthSchema = () => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM');

const tally = (what: string) =>
  z
    .object({
      count: z.number().int().min(0).describe(`How many ${what}.`),
      amount: moneySchema.describe('Their sum, in integer minor units.'),
    })
    .describe(what);

export const payoutMonthSchema = z.object({
  month: monthSchema().describe('The UTC calendar month.'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .describe('ISO 4217 code of every amount of the row.'),
  pledgesCollected: tally('pledges charged in the month (tips excluded)'),
  pledgesRefunded: tally('charged pledges given back in the month'),
  paidOut: tally('statements paid to holders in the month'),
  advancesReversed: tally('refunds after payout taken back from holders in the month (ADR 0027)'),
  processingFeesBorne: moneySchema.describe(
    'Stripe’s fees on the pledges paid out, recorded in the month: the platform’s, never deducted.',
  ),
});

/**
 * The platform's payout figures by month and currency, for `GET /api/transparency`: summed from
 * the payout ledgers' and statements' events themselves (no read model that could drift from them).
 */
export const getPayoutMonths = defineRequest({
  service: 'payout',
  name: 'GetPayoutMonths',
  version: 1,
  description:
    'The platform’s payout figures by UTC month and currency, oldest first, from `from` to `to` inclusive (both ' +
    'optional, YYYY-MM): pledges collected and refunded, statements paid out, advances reversed, processing fees borne. ' +
    'Summed from the payout events; months without any are left out. No personal data. A `from` after `to` is a ' +
    'validation error naming `from`.',
  callers: ['gateway'],
  request: z
    .object({
      from: monthSchema().optional().describe('The first month, YYYY-MM.'),
      to: monthSchema().optional().describe('The last month, YYYY-MM.'),
    })
    .refine((range) => range.from === undefined || range.to === undefined || range.from <= range.to, {
      message: 'must not be after to',
      path: ['from'],
    }),
  reply: z.object({ months: z.array(payoutMonthSchema).describe('Oldest first, then by currency.') }),
});
