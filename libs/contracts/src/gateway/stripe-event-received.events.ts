import { z } from 'zod';
import { defineIntegrationEvent } from '../integration-event';
import { moneySchema } from '../money';

/** The services that own Stripe objects, named by the `elan_service` metadata Élan sets on them. */
export const STRIPE_OBJECT_OWNERS = ['pledge', 'tipping', 'payout'] as const;
export type StripeObjectOwner = (typeof STRIPE_OBJECT_OWNERS)[number];

/** Where a Stripe event goes: the owning service, or `unrouted` when nothing names one (still recorded). */
export const STRIPE_EVENT_ROUTES = [...STRIPE_OBJECT_OWNERS, 'unrouted'] as const;
export type StripeEventRoute = (typeof STRIPE_EVENT_ROUTES)[number];

/**
 * The Stripe event types an Élan service acts on: the `enabled_events` of Élan's webhook endpoint
 * (docs/operations.md). Stripe sends nothing else, so a pledge costs one webhook, not three
 * (`payment_intent.created` and `charge.succeeded` served nobody). A consumer that learns a new
 * type adds it here, and the endpoint's list follows.
 */
export const STRIPE_EVENT_TYPES_HANDLED = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'setup_intent.succeeded',
  'setup_intent.setup_failed',
  'account.updated',
] as const;

/**
 * Which service acts on each handled type: a consumer's test holds it to its own list (the pledge
 * service turns each of its types into a command), and every handled type has a service.
 */
export const STRIPE_EVENT_TYPES_BY_SERVICE = {
  pledge: ['payment_intent.succeeded', 'payment_intent.payment_failed', 'setup_intent.succeeded', 'setup_intent.setup_failed'],
  tipping: [],
  payout: ['account.updated'],
} as const satisfies Record<StripeObjectOwner, readonly (typeof STRIPE_EVENT_TYPES_HANDLED)[number][]>;
export type StripeEventTypeHandled = (typeof STRIPE_EVENT_TYPES_HANDLED)[number];

const stripeId = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9_]+$`));

/**
 * A Stripe event whose signature the gateway verified and which it recorded once, by its id,
 * before answering Stripe. Only what the owning service needs to find its object and act:
 * ids, amounts, status, Élan's own metadata, why a payment failed. Never billing details,
 * names or e-mails: a service that needs more reads the object from Stripe by its id.
 */
export const stripeEventReceived = defineIntegrationEvent({
  service: 'gateway',
  type: 'StripeEventReceived',
  version: 1,
  description:
    'Stripe reported a change to one of its objects (signature verified, recorded once by event id): the service in routedTo acts on it; delivery order is not Stripe’s order.',
  consumers: ['pledge', 'tipping', 'payout'],
  schema: z.object({
    stripeEventId: stripeId('evt').describe('Stripe’s event id: the same delivery twice is the same id.'),
    type: z
      .string()
      .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/)
      .describe('Stripe’s event type, e.g. payment_intent.succeeded, account.updated.'),
    created: z.iso.datetime({ offset: true }).describe('When Stripe created the event (its `created`), in UTC.'),
    livemode: z.boolean().describe('false for test mode (and the emulator), true for real money.'),
    account: stripeId('acct').optional().describe('The Connect account the event happened on, if any.'),
    routedTo: z
      .enum(STRIPE_EVENT_ROUTES)
      .describe('The Élan service that owns the object (its elan_service metadata; account events go to payout), or unrouted.'),
    object: z
      .object({
        id: z
          .string()
          .min(1)
          .optional()
          .describe('Id of the Stripe object the event is about, e.g. pi_…, seti_…, acct_… (a balance has none).'),
        type: z
          .string()
          .regex(/^[a-z0-9_.]+$/)
          .describe('Its Stripe type, e.g. payment_intent, setup_intent, charge, refund, transfer, account.'),
        status: z.string().min(1).optional().describe('Its status after the change, when it has one (e.g. succeeded).'),
        amount: moneySchema.optional().describe('Its amount, when it has one, in integer minor units.'),
        paymentIntentId: stripeId('pi').optional().describe('The PaymentIntent a charge or a refund belongs to.'),
        transferGroup: z.string().min(1).optional().describe('Its transfer_group (a campaign’s payouts), when set.'),
        metadata: z
          .record(z.string().regex(/^elan_[a-z0-9_]+$/), z.string())
          .describe('The metadata keys Élan set on the object (elan_…): its own ids; any other key is left out.'),
        declineCode: z.string().min(1).optional().describe('Why the card was declined (e.g. insufficient_funds), when it was.'),
        errorCode: z
          .string()
          .min(1)
          .optional()
          .describe('Stripe’s error code of the last failed attempt (e.g. authentication_required, card_declined).'),
        chargesEnabled: z.boolean().optional().describe('Connect account: may it accept charges.'),
        payoutsEnabled: z.boolean().optional().describe('Connect account: may it be paid out.'),
        requirementsDue: z
          .array(z.string())
          .optional()
          .describe('Connect account: the requirement names currently due (e.g. individual.verification.document).'),
        disabledReason: z.string().min(1).optional().describe('Connect account: why it is restricted, when it is.'),
      })
      .describe('The object the event is about, as it was after the change.'),
  }),
});

export type StripeEventReceivedPayload = z.infer<typeof stripeEventReceived.schema>;
