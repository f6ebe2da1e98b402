import { z } from 'zod';
import { instant, uuid } from '../campaign/campaign-fields';
import { ACCOUNT_ROLES } from '../campaign/campaign-values.schemas';
import { moneySchema } from '../money';
import { MAIL_LANGUAGES } from '../notification/mail-recipients.requests';
import { defineRequest } from '../request';

/**
 * What the public API asks the pledge service on a contributor's, holder's or admin's behalf.
 * Personal data (names, e-mails, messages) travels here in clear, inside the cluster, and is
 * sealed by the pledge service before it is written anywhere (ADR 0022).
 */

const guestTokenHash = () =>
  z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('SHA-256 (hex) of the guest’s secret token: the token itself never leaves the gateway’s answer.');

/** Who asks: an account, as the gateway authenticated it, or a guest holding their private link. */
export const pledgeViewerSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('account'),
      accountId: uuid().describe('The account asking.'),
      roles: z.array(z.enum(ACCOUNT_ROLES)).describe('Its roles at the time of asking.'),
    }),
    z.object({ kind: z.literal('guest'), guestTokenHash: guestTokenHash() }),
  ])
  .describe('Who asks: an account, or a guest presenting the token of their private link.');
export type PledgeViewer = z.infer<typeof pledgeViewerSchema>;

const PLEDGE_STATUSES = [
  'placed',
  'awaiting_payment',
  'awaiting_card_setup',
  'payment_failed',
  'committed',
  'refund_requested',
  'collecting',
  'collection_declined',
  'card_updated',
  'collected',
  'late',
  'abandoned',
  'cancelled',
  'dropped',
  'released',
  'refunded',
] as const;

const personalText = (max: number) => z.string().trim().min(1).max(max);

export const pledgeViewSchema = z.object({
  pledgeId: uuid().describe('The pledge.'),
  campaignId: uuid().describe('The campaign it backs.'),
  status: z.enum(PLEDGE_STATUSES).describe('Where the pledge stands.'),
  fundingModel: z.enum(['all_or_nothing', 'keep_it_all']).describe('How the campaign collects.'),
  amount: moneySchema.describe('The pledge: 100 % of it goes to the project.'),
  tip: moneySchema.describe('The voluntary tip to the platform, a line of its own; 0 for none.'),
  tierId: uuid().nullable().describe('The reward tier, if any.'),
  contributor: z
    .object({
      kind: z.enum(['account', 'guest']).describe('An account or a guest.'),
      name: z.string().nullable().describe('The name given, "erased" once the person was erased, null if none.'),
      email: z.string().nullable().describe('The e-mail address, "erased" once the person was erased.'),
      showName: z.boolean().describe('Whether the name is shown on the campaign page.'),
    })
    .describe('Who pledged, as the viewer may see it.'),
  message: z.string().nullable().describe('The public message of support, if any.'),
  placedAt: instant().describe('When the pledge was made.'),
  committedAt: instant().nullable().describe('When Stripe confirmed it, if it did in time.'),
  retryUntil: instant().nullable().describe('All-or-nothing: until when a declined card may be updated.'),
});
export type PledgeView = z.infer<typeof pledgeViewSchema>;

export const placePledge = defineRequest({
  service: 'pledge',
  name: 'PlacePledge',
  version: 1,
  description:
    'Records a pledge and prepares its payment: a PaymentIntent for pledge + tip (keep-it-all) or a SetupIntent that saves ' +
    'the card (all-or-nothing), whose client secret the contributor’s page confirms. A limited tier’s unit is held first. ' +
    'Idempotent on pledgeId: asking again answers the same pledge and intent.',
  callers: ['gateway'],
  request: z.object({
    pledgeId: uuid().describe('Chosen by the caller (from the Idempotency-Key when there is one).'),
    campaignId: uuid().describe('The campaign backed.'),
    contributor: z
      .discriminatedUnion('kind', [
        z.object({
          kind: z.literal('account'),
          accountId: uuid().describe('The account pledging.'),
          roles: z.array(z.enum(ACCOUNT_ROLES)).describe('Its roles.'),
          email: z.email().max(254).describe('Its e-mail address, for the receipt and the holder’s export.'),
          name: personalText(200).optional().describe('The name to show, if given.'),
        }),
        z.object({
          kind: z.literal('guest'),
          guestTokenHash: guestTokenHash(),
          email: z.email().max(254).describe('The guest’s e-mail address.'),
          name: personalText(200).describe('The guest’s name.'),
        }),
      ])
      .describe('Who pledges.'),
    amount: moneySchema.describe('The pledge.'),
    tierId: uuid().optional().describe('The reward tier chosen, if any.'),
    tip: moneySchema.describe('The tip chosen, explicitly: 0 for none.'),
    showName: z.boolean().describe('Whether the name may appear on the campaign page.'),
    message: personalText(1_000).optional().describe('A public message of support.'),
    // Notifications (issue #12 part 2): the language the contributor's mails are written in.
    language: z.enum(MAIL_LANGUAGES).optional().describe('The checkout’s language, that of the pledge’s mails; fr when absent.'),
  }),
  reply: z.object({
    pledge: pledgeViewSchema.describe('The pledge as recorded, waiting for its payment or card setup.'),
    total: moneySchema.describe('What the card is charged: pledge + tip (now, or at success for all-or-nothing).'),
    payment: z
      .object({
        kind: z.enum(['payment', 'card_setup']).describe('A PaymentIntent to confirm, or a SetupIntent.'),
        intentId: z.string().describe('The Stripe intent’s id.'),
        clientSecret: z.string().describe('What Stripe.js confirms the intent with.'),
      })
      .describe('What the contributor’s page needs to confirm the payment.'),
  }),
});

export const getPledge = defineRequest({
  service: 'pledge',
  name: 'GetPledge',
  version: 1,
  description:
    'One pledge, for its contributor (account or guest token), the campaign’s holder or an admin; not_found for anyone else.',
  callers: ['gateway'],
  request: z.object({ pledgeId: uuid().describe('The pledge.'), viewer: pledgeViewerSchema }),
  reply: pledgeViewSchema,
});

export const listMyPledges = defineRequest({
  service: 'pledge',
  name: 'ListMyPledges',
  version: 1,
  description: 'The pledges an account made, newest first.',
  callers: ['gateway'],
  request: z.object({ accountId: uuid().describe('The account.') }),
  reply: z.object({ items: z.array(pledgeViewSchema).describe('Newest first.') }),
});

export const cancelPledge = defineRequest({
  service: 'pledge',
  name: 'CancelPledge',
  version: 1,
  description:
    'The contributor withdraws a committed pledge before the deadline: a paid keep-it-all pledge is refunded with its tip, ' +
    'an all-or-nothing one will never be charged.',
  callers: ['gateway'],
  request: z.object({ pledgeId: uuid().describe('The pledge.'), viewer: pledgeViewerSchema }),
  reply: pledgeViewSchema,
});

const pledgeCommand = <Name extends string, Shape extends z.ZodRawShape>(name: Name, description: string, shape: Shape) =>
  defineRequest({
    service: 'pledge',
    name,
    version: 1,
    description,
    callers: ['gateway'],
    request: z.object({ pledgeId: uuid().describe('The pledge.'), viewer: pledgeViewerSchema, ...shape }),
    reply: pledgeViewSchema,
  });

export const changePledge = pledgeCommand(
  'ChangePledge',
  'The contributor changes a committed all-or-nothing pledge before the deadline (nothing was charged yet): another ' +
    'amount or tier, the rules checked again and a limited tier’s unit held first. A paid keep-it-all pledge is cancelled ' +
    'and pledged again instead.',
  {
    amount: moneySchema.describe('The pledge’s amount after the change.'),
    tierId: uuid().nullable().describe('The tier after the change; null for none.'),
  },
);

export const requestPledgeRefund = pledgeCommand(
  'RequestPledgeRefund',
  'The contributor of a paid keep-it-all pledge asks for a refund; the campaign’s holder or an admin grants it.',
  { reason: personalText(1_000).optional().describe('Why, in the contributor’s words (personal data: sealed).') },
);

export const grantPledgeRefund = pledgeCommand(
  'GrantPledgeRefund',
  'Refunds a pledge: a requested keep-it-all refund (its holder or an admin), or a collected all-or-nothing pledge (an ' +
    'admin). The pledge is refunded by the pledge service, its tip by the tipping service.',
  {},
);

export const updatePledgeCard = defineRequest({
  service: 'pledge',
  name: 'UpdatePledgeCard',
  version: 1,
  description:
    'After a declined collection, during the retry window: a new SetupIntent for the contributor to save another card. ' +
    'Once Stripe confirms it, the pledge is collected again with that card.',
  callers: ['gateway'],
  request: z.object({ pledgeId: uuid().describe('The pledge.'), viewer: pledgeViewerSchema }),
  reply: z.object({
    pledge: pledgeViewSchema.describe('The pledge as it stands.'),
    payment: z
      .object({
        kind: z.literal('card_setup').describe('A SetupIntent to confirm.'),
        intentId: z.string().describe('Its id.'),
        clientSecret: z.string().describe('What Stripe.js confirms it with.'),
      })
      .describe('The SetupIntent the contributor’s page confirms to save the new card.'),
  }),
});
