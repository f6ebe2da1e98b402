import { z } from 'zod';
import { actorSchema } from '../campaign/campaign-values.schemas';
import { instant } from '../campaign/campaign-fields';
import { defineRequest } from '../request';

/** Where a holder's payout account stands (ADR 0026). */
export const PAYOUT_ACCOUNT_STATUSES = ['none', 'pending', 'verified', 'restricted'] as const;
export type PayoutAccountStatus = (typeof PAYOUT_ACCOUNT_STATUSES)[number];

const status = () =>
  z
    .enum(PAYOUT_ACCOUNT_STATUSES)
    .describe(
      'none (never started), pending (onboarding not finished or Stripe still checking), verified (can receive transfers), restricted (Stripe needs more).',
    );
const requirements = () =>
  z
    .array(z.string().min(1))
    .describe('What Stripe still needs from the holder (its currently_due names, e.g. individual.verification.document).');

export const startPayoutAccount = defineRequest({
  service: 'payout',
  name: 'StartPayoutAccount',
  version: 1,
  description:
    'Starts the holder’s payout account: creates their Stripe Express connected account the first time (one per holder, ' +
    'whatever the retries), then answers a fresh onboarding link. Called again, it answers a new link for the same account.',
  callers: ['gateway'],
  request: z.object({
    actor: actorSchema,
    email: z
      .email()
      .describe('The holder’s e-mail address, which Stripe prefills in onboarding (not kept by the payout service).'),
  }),
  reply: z.object({
    opened: z.boolean().describe('true when this request opened the account, false when it already existed.'),
    status: status(),
    requirements: requirements(),
    onboardingUrl: z.url().describe('Stripe’s onboarding page for this account; single use.'),
    expiresAt: instant().describe('When the onboarding link stops working (a few minutes): ask again for a new one.'),
  }),
});

export const getPayoutAccount = defineRequest({
  service: 'payout',
  name: 'GetPayoutAccount',
  version: 1,
  description:
    'The holder’s payout account as the last account.updated from Stripe left it, and in plain words why money would wait. ' +
    'An account never started answers status none.',
  callers: ['gateway'],
  request: z.object({ actor: actorSchema }),
  reply: z.object({
    status: status(),
    requirements: requirements(),
    disabledReason: z
      .string()
      .min(1)
      .nullable()
      .describe('Stripe’s reason the account cannot be paid (e.g. requirements.past_due), or null.'),
    canReceiveTransfers: z.boolean().describe('Whether a transfer to this account would be accepted now.'),
    explanation: z.string().min(1).describe('In plain words, why money would wait, or that it would not.'),
  }),
});
