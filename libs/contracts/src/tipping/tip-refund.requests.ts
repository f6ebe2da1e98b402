import { z } from 'zod';
import { instant, uuid } from '../campaign/campaign-fields';
import { moneySchema } from '../money';
import { contributorRefSchema } from '../pledge/pledge-lifecycle.events';
import { defineRequest } from '../request';

/**
 * The tip alone refunded on its contributor's or an admin's request; the pledge stays paid. The
 * actor is the contributor reference the pledge carried: an account id, or `guest:<sha-256 hex of
 * the guest's token>` which the gateway derives from the guest's private link.
 */
export const refundTip = defineRequest({
  service: 'tipping',
  name: 'RefundTip',
  version: 1,
  description:
    'Refunds the tip of `pledgeId` alone: its contributor within the refund window (30 days after payment by default), an ' +
    'admin at any time. Idempotent: a tip already refunded (alone or with its pledge) answers as refunded and is never ' +
    'refunded twice. Errors: forbidden (not the contributor nor an admin), not_found (no tip for that pledge), ' +
    'illegal_state (not paid yet, released, a tip of 0, or the window has closed). The money follows within seconds.',
  callers: ['gateway'],
  request: z.object({
    actor: z
      .object({
        ref: contributorRefSchema.describe('The account id, or guest:<sha-256 hex of the guest token>.'),
        roles: z
          .array(z.enum(['contributor', 'holder', 'moderator', 'admin']))
          .describe('The account’s roles; empty for a guest.'),
      })
      .describe('Who asks, as the gateway authenticated them.'),
    pledgeId: uuid().describe('The pledge whose tip is refunded.'),
  }),
  reply: z.object({
    pledgeId: uuid().describe('The pledge, which stays paid.'),
    tipId: uuid().describe('The tip.'),
    amount: moneySchema.describe('The tip refunded.'),
    refundedAs: z
      .enum(['contributor', 'admin', 'pledge'])
      .describe('Who had it refunded: its contributor, an admin, or its pledge’s refund.'),
    refundedAt: instant().describe('When the refund was decided.'),
  }),
});
