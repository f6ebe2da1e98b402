import { z } from 'zod';
import { uuid } from '../campaign/campaign-fields';
import { defineRequest } from '../request';

/**
 * Where a mail goes, asked by the notification service of the service that owns the person's data,
 * just before it sends (ADR 0031). The answer is used for one SMTP exchange and never stored: no
 * copy of an address outlives the mail, and a person erased before the send gets none.
 */

export const MAIL_LANGUAGES = ['fr', 'en'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

const found = z.object({
  status: z.literal('found').describe('The person can be written to.'),
  email: z.email().max(254).describe('Their e-mail address, opened for this one mail.'),
  name: z.string().max(200).nullable().describe('The name to greet them by, null when none was given.'),
  language: z.enum(MAIL_LANGUAGES).describe('The language they read Élan in (fr until they choose another).'),
});
const erased = z.object({
  status: z.literal('erased').describe('The person asked to be forgotten (ADR 0022): write to nobody.'),
});
const unknown = z.object({
  status: z.literal('unknown').describe('No such pledge or account: write to nobody.'),
});

const recipientReply = z.discriminatedUnion('status', [found, erased, unknown]);

export const getPledgeRecipient = defineRequest({
  service: 'pledge',
  name: 'GetPledgeRecipient',
  version: 1,
  description:
    'Who to write to about a pledge: its contributor’s e-mail and name, opened from the pledge (account or guest alike), ' +
    'or "erased" once that person was erased. Asked by the notification service at send time, never stored.',
  callers: ['notification'],
  request: z.object({ pledgeId: uuid().describe('The pledge whose contributor is written to.') }),
  reply: recipientReply,
});

export const getAccountRecipient = defineRequest({
  service: 'gateway',
  name: 'GetAccountRecipient',
  version: 1,
  description:
    'Who to write to for an account (a campaign’s holder): its e-mail and display name, or "erased" once the account ' +
    'was erased. Asked by the notification service at send time, never stored.',
  callers: ['notification'],
  request: z.object({ accountId: uuid().describe('The account written to.') }),
  reply: recipientReply,
});

export type MailRecipient = z.infer<typeof recipientReply>;
