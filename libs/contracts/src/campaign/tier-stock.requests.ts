import { z } from 'zod';
import { defineRequest } from '../request';
import { instant, uuid } from './campaign-fields';

/**
 * Reward tiers have limited stock, owned by the campaign service. A pledge for a tier first
 * reserves one unit so two contributors can never both get the last one.
 */
export const reserveTierUnit = defineRequest({
  service: 'campaign',
  name: 'ReserveTierUnit',
  version: 1,
  description:
    'Reserves one unit of a reward tier for a pledge being placed. Idempotent per pledge: asking again for the same pledgeId ' +
    'answers the same reservation, so a caller may retry after a timeout.',
  callers: ['pledge'],
  request: z.object({
    campaignId: uuid().describe('The campaign the tier belongs to.'),
    tierId: uuid().describe('The reward tier.'),
    pledgeId: uuid().describe('The pledge the unit is reserved for; the idempotency key of the reservation.'),
  }),
  reply: z.discriminatedUnion('outcome', [
    z.object({
      outcome: z.literal('reserved').describe('A unit is held for the pledge.'),
      reservationId: uuid().describe('The reservation, to confirm or release it.'),
      expiresAt: instant().describe('When the unit returns to stock unless the pledge is confirmed.'),
    }),
    z.object({
      outcome: z.literal('sold_out').describe('No unit is left: the pledge cannot take this tier.'),
    }),
  ]),
});
