import { z } from 'zod';
import { instant, uuid } from '../campaign/campaign-fields';
import { defineIntegrationEvent } from '../integration-event';
import { moneySchema } from '../money';

/**
 * A statement's transfer reached the holder's payout account: what the holder is told ("your
 * payout is on its way") and what a territory's settlement or an accounting export can follow.
 */
export const statementPaid = defineIntegrationEvent({
  service: 'payout',
  type: 'StatementPaid',
  version: 1,
  description:
    'A statement was paid: its net due (100 % of the pledges it covers, tips excluded) was transferred to the holder’s ' +
    'Stripe account, from which Stripe pays the holder’s bank on its own schedule.',
  consumers: ['notification'],
  schema: z.object({
    statementId: uuid().describe('The statement.'),
    campaignId: uuid().describe('The campaign it pays out.'),
    holderId: uuid().describe('The holder paid.'),
    amount: moneySchema.describe('What was transferred: the statement’s net due.'),
    transferId: z
      .string()
      .regex(/^tr_[A-Za-z0-9_]+$/)
      .describe('The Stripe transfer (transfer_group campaign-<campaignId>).'),
    paidAt: instant().describe('When Élan recorded the transfer.'),
  }),
});
