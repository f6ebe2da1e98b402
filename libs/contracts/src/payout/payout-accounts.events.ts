import { z } from 'zod';
import { instant, uuid } from '../campaign/campaign-fields';
import { defineIntegrationEvent } from '../integration-event';

const holderId = () => uuid().describe('The holder’s account id.');
const stripeAccountId = () =>
  z
    .string()
    .regex(/^acct_[A-Za-z0-9_]+$/)
    .describe('The holder’s Stripe Express connected account.');

export const payoutAccountOpened = defineIntegrationEvent({
  service: 'payout',
  type: 'PayoutAccountOpened',
  version: 1,
  description: 'A holder started a payout account: their Stripe connected account exists, onboarding may not be finished.',
  consumers: ['campaign'],
  schema: z.object({
    holderId: holderId(),
    stripeAccountId: stripeAccountId(),
    openedAt: instant().describe('When the account was recorded.'),
  }),
});

export const payoutAccountStatusChanged = defineIntegrationEvent({
  service: 'payout',
  type: 'PayoutAccountStatusChanged',
  version: 1,
  description:
    'A holder’s payout account moved between pending, verified and restricted, as Stripe’s account.updated reported it.',
  consumers: [],
  schema: z.object({
    holderId: holderId(),
    stripeAccountId: stripeAccountId(),
    status: z.enum(['pending', 'verified', 'restricted']).describe('Its status now.'),
    requirements: z.array(z.string().min(1)).describe('What Stripe still needs (currently_due).'),
    canReceiveTransfers: z.boolean().describe('Whether a transfer to it would be accepted now.'),
    stripeUpdatedAt: instant().describe('When Stripe made the change (the event’s created).'),
  }),
});
