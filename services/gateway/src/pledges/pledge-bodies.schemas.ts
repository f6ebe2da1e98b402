import { getPledge, listMyPledges, placePledge } from '@elan/contracts';
import { z } from 'zod';
import { requestSchema, responseSchema } from '../openapi/api-schemas';

const money = (what: string) =>
  z
    .strictObject({
      amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('Whole minor units (cents for EUR).'),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in capitals, e.g. EUR')
        .describe('ISO 4217 code, e.g. EUR.'),
    })
    .describe(what);

/**
 * A pledge as the checkout sends it. The tip is required and explicit (0 for none: nothing is
 * ever chosen for the contributor). A guest gives a name and an e-mail address; a logged-in
 * contributor gives neither (their account's are used) but may give the name to show.
 */
export const PlacePledgeBodySchema = requestSchema(
  'PlacePledgeBody',
  z.strictObject({
    amount: money('The pledge: 100 % of it goes to the project.'),
    tip: money('The voluntary tip to the platform, chosen by the contributor; 0 for none.'),
    tierId: z.uuid().optional().describe('The reward tier chosen, if any.'),
    showName: z.boolean().default(false).describe('Whether the name may appear on the campaign page; false by default.'),
    message: z.string().trim().min(1).max(1_000).optional().describe('A public message of support.'),
    name: z.string().trim().min(1).max(200).optional().describe('The name to show (a guest must give one).'),
    email: z.email().max(254).optional().describe('A guest’s e-mail address (required without an account).'),
    // Notifications (issue #12 part 2)
    language: z.enum(['fr', 'en']).optional().describe('The checkout’s language, that of the pledge’s mails; fr when absent.'),
  }),
);
export type PlacePledgeBody = z.infer<typeof PlacePledgeBodySchema>;

export const PledgeSchema = responseSchema('Pledge', getPledge.reply);
export const PlacedPledgeSchema = responseSchema(
  'PlacedPledge',
  placePledge.reply.extend({
    guestToken: z
      .string()
      .optional()
      .describe(
        'A guest’s secret token, given once: send it as `X-Guest-Token` to see, change or cancel the pledge (the private link).',
      ),
  }),
);
export type PlacedPledge = z.infer<typeof PlacedPledgeSchema>;
export const MyPledgesSchema = responseSchema('MyPledges', listMyPledges.reply);
