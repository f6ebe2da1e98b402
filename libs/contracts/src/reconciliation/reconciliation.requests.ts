import { z } from 'zod';
import { uuid } from '../campaign/campaign-fields';
import { moneySchema } from '../money';
import { defineRequest } from '../request';

/**
 * What the reconciliation (services/payout) asks the other money services for: their own account
 * of every payment, page by page, and the verification of their hash chains. Each service answers
 * from its own store; the payout service compares those accounts with each other, with its
 * campaign ledgers and with what Stripe reports.
 */

/** The most facts one page answers. */
export const MAX_FACTS_PER_PAGE = 500;

const streamHeadSchema = z
  .object({
    streamId: z.string().min(1).max(1_000).describe('The stream, e.g. `pledge-<pledgeId>`.'),
    position: z.number().int().min(1).describe('The position of its last event.'),
    hash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('That event’s link hash, 64 lowercase hex digits.'),
  })
  .describe('The stream behind the fact, at the head the service read it.');

const pageRequest = (id: string) =>
  z.object({
    after: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe(`Only facts of a higher ${id}, in byte order; from the first when absent.`),
    limit: z.number().int().min(1).max(MAX_FACTS_PER_PAGE).describe(`At most this many facts (1 to ${MAX_FACTS_PER_PAGE}).`),
  });

const next = z.string().min(1).nullable().describe('The `after` of the next page; null on the last page.');

/** A store's hash-chain verification, as the event store reports it. */
export const chainReportSchema = z.object({
  ok: z.boolean().describe('Every link of every stream holds.'),
  eventsChecked: z.number().int().min(0).describe('How many events were checked.'),
  firstBrokenLink: z
    .object({
      streamId: z.string().min(1),
      streamPosition: z.number().int().min(1),
      globalPosition: z.number().int().min(1),
      reason: z.enum(['hash_mismatch', 'position_gap']),
    })
    .nullable()
    .describe('The first link that does not hold, or null.'),
});

const pledgePaymentFact = z.object({
  pledgeId: uuid().describe('The pledge.'),
  campaignId: uuid().describe('Its campaign.'),
  paymentIntentId: z
    .string()
    .min(1)
    .nullable()
    .describe('The Stripe PaymentIntent that paid it (keep-it-all) or collected it (all-or-nothing); null while none succeeded.'),
  paid: moneySchema.nullable().describe('The pledge part that payment carried, tip excluded; null while unpaid.'),
  refunded: moneySchema.nullable().describe('The pledge part given back since (refund of a paid pledge); null when none.'),
  stream: streamHeadSchema,
});

/** The pledge service's account of every pledge that has a payment, by pledge id. */
export const getPledgePaymentFacts = defineRequest({
  service: 'pledge',
  name: 'GetPledgePaymentFacts',
  version: 1,
  description:
    'For reconciliation: the pledges that were ever paid or collected, in pledge-id order after `after`, each with its ' +
    'campaign, the PaymentIntent, the pledge part paid and refunded (tips excluded) and its stream’s head. No personal data.',
  callers: ['payout'],
  request: pageRequest('pledge id'),
  reply: z.object({ facts: z.array(pledgePaymentFact).describe('The page, in pledge-id order.'), next }),
});

const tipPaymentFact = z.object({
  tipId: uuid().describe('The tip.'),
  pledgeId: uuid().describe('The pledge it went with.'),
  paymentIntentId: z.string().min(1).nullable().describe('The PaymentIntent that carried it; null while unpaid.'),
  paid: moneySchema.nullable().describe('The tip paid (above 0); null while unpaid or for a tip of 0.'),
  refunded: moneySchema.nullable().describe('The tip given back since; null when none.'),
  stream: streamHeadSchema,
});

/** The tipping service's account of every paid tip, by tip id. */
export const getTipPaymentFacts = defineRequest({
  service: 'tipping',
  name: 'GetTipPaymentFacts',
  version: 1,
  description:
    'For reconciliation: the tips above 0 that were ever paid, in tip-id order after `after`, each with its pledge, the ' +
    'PaymentIntent that carried it, the amount paid and refunded, and its stream’s head. No personal data.',
  callers: ['payout'],
  request: pageRequest('tip id'),
  reply: z.object({ facts: z.array(tipPaymentFact).describe('The page, in tip-id order.'), next }),
});

const verifyRequest = (service: 'pledge' | 'tipping') =>
  defineRequest({
    service,
    name: 'VerifyMoneyStreams',
    version: 1,
    description: `For reconciliation: the ${service} service verifies the hash chain of every stream of its event store.`,
    callers: ['payout'],
    request: z.object({}),
    reply: chainReportSchema,
  });

export const verifyPledgeStreams = verifyRequest('pledge');
export const verifyTipStreams = verifyRequest('tipping');
