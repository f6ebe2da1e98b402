import { z } from 'zod';
import { instant, uuid } from '../campaign/campaign-fields';
import { actorSchema } from '../campaign/campaign-values.schemas';
import { moneySchema } from '../money';
import { defineRequest } from '../request';

/**
 * The reconciliation's report (ADR 0028), for admins: the latest run of the payout service's
 * comparison of Élan's accounts with Stripe's, and every mismatch still open.
 */

export const MISMATCH_KINDS = [
  'chain_broken',
  'ledger_collected',
  'ledger_refunded',
  'campaign_books',
  'campaign_transfers',
  'tips',
  'payment_amount',
  'payment_refunds',
  'payment_campaign',
  'unknown_payment',
  'balance_transaction',
] as const;

const minor = (what: string) => z.number().int().describe(`${what}, in integer minor units.`);

const totalsSchema = z.object({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .describe('ISO 4217 code of every figure of this line.'),
  pledgesCollected: minor('Pledges paid or collected, tips excluded'),
  pledgesRefunded: minor('Of those, given back'),
  tipsCollected: minor('Tips paid'),
  tipsRefunded: minor('Of those, given back'),
  transferred: minor('Paid to holders by statements, less advances reversed'),
  awaitingTransfer: minor('Stated to holders, transfer not made yet'),
  stillDue: minor('Owed to holders, no statement drawn yet'),
  outstandingAdvances: minor('Refunds the platform advanced and has not recovered (ADR 0027)'),
  feesBorne: minor('Stripe’s fees on Élan’s charges, borne by the platform'),
});

const campaignFiguresSchema = totalsSchema
  .omit({ tipsCollected: true, tipsRefunded: true, outstandingAdvances: true, pledgesCollected: true, pledgesRefunded: true })
  .extend({
    campaignId: uuid().describe('The campaign.'),
    collected: minor('Its pledges collected'),
    refunded: minor('Of those, given back'),
    outstandingAdvance: minor('What the platform advanced and has not recovered'),
  });

export const reconciliationMismatchSchema = z.object({
  mismatchId: uuid().describe('This mismatch, from the run that first saw it until it is resolved.'),
  kind: z.enum(MISMATCH_KINDS).describe('What disagrees (docs/operations.md says what to do for each).'),
  key: z.string().min(1).describe('What it is about, e.g. `payment_amount:pi_…`: the same across runs.'),
  campaignId: z.string().min(1).nullable().describe('The campaign, when it is about one.'),
  paymentIntentId: z.string().min(1).nullable().describe('The PaymentIntent, when it is about one.'),
  streams: z.array(z.string().min(1)).describe('The event streams involved.'),
  stripeObjects: z.array(z.string().min(1)).describe('The Stripe objects involved.'),
  expected: moneySchema.nullable().describe('What Élan’s own account says; null when the check compares no amount.'),
  actual: moneySchema.nullable().describe('What was found instead.'),
  detail: z.string().min(1).describe('The comparison, in words.'),
  firstSeenAt: instant().describe('When a run first found it.'),
  lastSeenAt: instant().describe('When a run last found it.'),
});

export const reconciliationReportSchema = z.object({
  run: z
    .object({
      runId: uuid().describe('The run.'),
      startedAt: instant(),
      finishedAt: instant(),
      ok: z.boolean().describe('No mismatch is open.'),
      checked: z
        .object({
          campaigns: z.number().int().min(0),
          pledges: z.number().int().min(0),
          tips: z.number().int().min(0),
          payments: z.number().int().min(0),
          refunds: z.number().int().min(0),
          transfers: z.number().int().min(0),
          balanceTransactions: z.number().int().min(0),
          statements: z.number().int().min(0),
          eventsVerified: z.number().int().min(0).describe('Events whose hash-chain link was verified, in the three stores.'),
        })
        .describe('How much was compared.'),
      totals: z.array(totalsSchema).describe('The figures to the cent, one line per currency.'),
      campaigns: z.array(campaignFiguresSchema).describe('Each campaign’s figures.'),
    })
    .nullable()
    .describe('The latest run; null before the first.'),
  mismatches: z.array(reconciliationMismatchSchema).describe('Every mismatch still open, by key.'),
});

const adminRequest = z.object({ actor: actorSchema });

/** The latest run and the open mismatches. */
export const getReconciliationReport = defineRequest({
  service: 'payout',
  name: 'GetReconciliationReport',
  version: 1,
  description: 'Admins only: the reconciliation’s latest run (when, what it checked, its figures) and the mismatches still open.',
  callers: ['gateway'],
  request: adminRequest,
  reply: reconciliationReportSchema,
});

/** Runs the reconciliation now (after any run in progress) and answers its report. */
export const runReconciliation = defineRequest({
  service: 'payout',
  name: 'RunReconciliation',
  version: 1,
  description:
    'Admins only: runs the reconciliation now — after the one in progress, if any, one run at a time across replicas — ' +
    'and answers its report.',
  callers: ['gateway'],
  request: adminRequest,
  reply: reconciliationReportSchema,
});
