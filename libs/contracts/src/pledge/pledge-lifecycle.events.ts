import { z } from 'zod';
import { instant, uuid } from '../campaign/campaign-fields';
import { defineIntegrationEvent } from '../integration-event';
import { moneySchema } from '../money';

/**
 * The facts of a pledge's life that other services act on. The campaign service keeps its
 * running totals and tier stock from them (ADR 0007) and closes on the tally (ADR 0008); the
 * tipping service records, collects, refunds or releases the tip that goes with each pledge.
 * No personal data: a contributor is an opaque reference, never a name or an e-mail.
 */

const tipChoice = z
  .object({
    amount: moneySchema.describe('The tip chosen with the pledge; 0 is an explicit "no tip".'),
    tipId: uuid().optional().describe('The tip’s id in the tipping service (the pledge’s id); absent for a 0 tip.'),
  })
  .describe('The tip that goes with the pledge: never part of the pledge’s amount.');

const pledgeId = () => uuid().describe('The pledge.');
const campaignId = () => uuid().describe('The campaign the pledge backs.');

/**
 * `<accountId>` for an account, `guest:<sha-256 of the guest's token, hex>` for a guest: the
 * actor the gateway passes when that contributor asks, so a service can tell them apart without
 * knowing who they are.
 */
export const contributorRefOf = (
  contributor:
    | { readonly kind: 'account'; readonly accountId: string }
    | { readonly kind: 'guest'; readonly guestTokenHash: string },
): string => (contributor.kind === 'account' ? contributor.accountId : `guest:${contributor.guestTokenHash}`);

export const contributorRefSchema = z
  .string()
  .regex(/^([0-9a-f-]{36}|guest:[0-9a-f]{64})$/)
  .describe('Who pledged, opaque: an account id, or guest:<sha-256 of their private link’s token>.');

export const pledgeCommitted = defineIntegrationEvent({
  service: 'pledge',
  type: 'PledgeCommitted',
  version: 1,
  description:
    'A pledge’s payment (keep-it-all) or card setup (all-or-nothing) was confirmed before the campaign’s deadline: it counts. ' +
    'The campaign confirms its held tier unit and adds it to its totals; the tipping service records its tip.',
  consumers: ['campaign', 'tipping', 'notification'],
  schema: z.object({
    pledgeId: pledgeId(),
    campaignId: campaignId(),
    fundingModel: z.enum(['all_or_nothing', 'keep_it_all']).describe('How the campaign collects.'),
    amount: moneySchema.describe('The pledge, all of which goes to the project.'),
    tip: tipChoice,
    contributorRef: contributorRefSchema,
    tierId: uuid().optional().describe('The reward tier chosen, if any.'),
    holdId: uuid().optional().describe('The held unit of a limited tier, now confirmed.'),
    charged: z.boolean().describe('true when pledge and tip were charged now (keep-it-all), false when only a card was saved.'),
    paymentIntentId: z
      .string()
      .regex(/^pi_[A-Za-z0-9_]+$/)
      .optional()
      .describe('The PaymentIntent that charged pledge + tip, when charged.'),
    committedAt: instant().describe('Stripe’s confirmation time, the one compared with the deadline.'),
  }),
});

export const pledgeChanged = defineIntegrationEvent({
  service: 'pledge',
  type: 'PledgeChanged',
  version: 1,
  description:
    'A committed all-or-nothing pledge got another amount or tier before the deadline (nothing was charged yet). ' +
    'A new limited tier’s unit, held first, is confirmed; the old one is released by TierUnitReleased.',
  consumers: ['campaign'],
  schema: z.object({
    pledgeId: pledgeId(),
    campaignId: campaignId(),
    previousAmount: moneySchema.describe('The amount before the change.'),
    amount: moneySchema.describe('The amount now.'),
    previousTierId: uuid().optional().describe('The tier before the change, if any.'),
    tierId: uuid().optional().describe('The tier now, if any.'),
    holdId: uuid().optional().describe('The new tier’s held unit, now confirmed, when the tier changed to a limited one.'),
    changedAt: instant().describe('When it changed.'),
  }),
});

export const pledgeCollected = defineIntegrationEvent({
  service: 'pledge',
  type: 'PledgeCollected',
  version: 1,
  description: 'A committed all-or-nothing pledge was charged off-session after the campaign succeeded: pledge and tip are paid.',
  consumers: ['campaign', 'tipping'],
  schema: z.object({
    pledgeId: pledgeId(),
    campaignId: campaignId(),
    amount: moneySchema.describe('The pledge collected.'),
    tip: tipChoice,
    paymentIntentId: z
      .string()
      .regex(/^pi_[A-Za-z0-9_]+$/)
      .describe('The PaymentIntent that charged pledge + tip.'),
    collectedAt: instant().describe('When Stripe charged the card.'),
  }),
});

export const PLEDGE_WITHDRAWAL_REASONS = ['cancelled', 'refunded', 'released', 'dropped'] as const;

export const pledgeWithdrawn = defineIntegrationEvent({
  service: 'pledge',
  type: 'PledgeWithdrawn',
  version: 1,
  description:
    'A committed pledge no longer counts: cancelled by its contributor, refunded, released (campaign failed or cancelled) ' +
    'or dropped (collection never succeeded). Its amount leaves the campaign’s totals; its tip is refunded with it when ' +
    'it was charged, released otherwise.',
  consumers: ['campaign', 'tipping', 'notification'],
  schema: z.object({
    pledgeId: pledgeId(),
    campaignId: campaignId(),
    reason: z.enum(PLEDGE_WITHDRAWAL_REASONS).describe('Why it no longer counts.'),
    amount: moneySchema.describe('The pledge that leaves the totals.'),
    tip: tipChoice,
    charged: z
      .boolean()
      .describe(
        'Whether pledge and tip had been charged: if so the pledge service refunds the pledge, the tipping service the tip.',
      ),
    paymentIntentId: z
      .string()
      .regex(/^pi_[A-Za-z0-9_]+$/)
      .optional()
      .describe('The PaymentIntent that charged pledge + tip, when charged: refunds are made against it.'),
    withdrawnAt: instant().describe('When.'),
  }),
});

export const tierUnitReleased = defineIntegrationEvent({
  service: 'pledge',
  type: 'TierUnitReleased',
  version: 1,
  description:
    'A unit of a limited tier held or confirmed for a pledge goes back to the stock (abandoned checkout, late, cancelled, ' +
    'changed tier, dropped, released or refunded pledge): the campaign releases the hold (ADR 0007).',
  consumers: ['campaign'],
  schema: z.object({
    pledgeId: pledgeId(),
    campaignId: campaignId(),
    tierId: uuid().describe('The tier.'),
    holdId: uuid().describe('The reservation released.'),
    reason: z
      .enum(['abandoned', 'late', 'cancelled', 'changed', 'dropped', 'released', 'refunded'])
      .describe('Why the unit goes back.'),
  }),
});

export const pledgesTallied = defineIntegrationEvent({
  service: 'pledge',
  type: 'PledgesTallied',
  version: 1,
  description:
    'The pledge service’s count of a campaign’s pledges committed strictly before its deadline, published after ' +
    'CampaignDeadlineReached once its clock passed the deadline plus the webhook grace period (ADR 0008). Final: late ' +
    'confirmations are refused, so it cannot change. The campaign decides its outcome on it.',
  consumers: ['campaign'],
  schema: z.object({
    campaignId: campaignId(),
    deadline: instant().describe('The frozen deadline the pledges were compared with.'),
    committedTotal: moneySchema.describe('Sum of the pledges committed before the deadline and still standing; tips excluded.'),
    backers: z.number().int().min(0).describe('Number of such pledges.'),
    digest: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('SHA-256 of the sorted ids of the pledges counted, one per line: both sides can check the same set.'),
    talliedAt: instant().describe('When the pledge service tallied.'),
  }),
});

/** A number of pledges and their sum, tips excluded. */
const pledgeSum = (what: string) =>
  z.object({
    count: z.number().int().min(0).describe(`How many pledges ${what}.`),
    amount: moneySchema.describe(`The sum of the pledges ${what}, tips excluded.`),
  });

export const campaignCollectionClosed = defineIntegrationEvent({
  service: 'pledge',
  type: 'CampaignCollectionClosed',
  version: 1,
  description:
    'A succeeded all-or-nothing campaign has no pledge left being collected (collecting, declined or with an updated card ' +
    'waiting for its retry): every pledge was collected or dropped. Published once; the payout service draws the ' +
    'campaign’s statement on it.',
  consumers: ['payout'],
  schema: z.object({
    campaignId: campaignId(),
    collected: pledgeSum('were collected').describe(
      'Pledges charged at collection (those refunded since included), and their sum; tips excluded.',
    ),
    dropped: pledgeSum('were dropped').describe(
      'Pledges whose collection never succeeded within the retry window, and their sum.',
    ),
    closedAt: instant().describe('When the pledge service found the collection over.'),
  }),
});

// --- Notifications (issue #12 part 2): a declined collection, for the contributor's mail ---

export const pledgeCollectionDeclined = defineIntegrationEvent({
  service: 'pledge',
  type: 'PledgeCollectionDeclined',
  version: 1,
  description:
    'The off-session charge of a committed all-or-nothing pledge, after its campaign succeeded, was declined: the ' +
    'contributor may give a new card (POST /api/pledges/{id}/card) until retryUntil, after which the pledge is dropped. ' +
    'Published at every decline (a new card may be declined too). The notification service writes to the contributor.',
  consumers: ['notification'],
  schema: z.object({
    pledgeId: pledgeId(),
    campaignId: campaignId(),
    declineCode: z.string().describe('Stripe’s reason for the decline (e.g. insufficient_funds), never shown as is.'),
    attempt: z.number().int().min(1).describe('Which collection attempt was declined (1 for the first charge).'),
    retryUntil: instant().describe('The end of the window in which a new card can still be given; later declines keep it.'),
    declinedAt: instant().describe('When Stripe declined the charge.'),
  }),
});
