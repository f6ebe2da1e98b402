import { z } from 'zod';
import { instant, uuid } from '../campaign/campaign-fields';
import { defineRequest } from '../request';
import { pledgeViewSchema } from './pledge.requests';

/**
 * A person's rights over what the pledge service holds about them (GDPR art. 15 and 17, ADR 0022):
 * the export of their pledges, opened, and their erasure. Asked by the gateway for the
 * authenticated account only; the pledge service trusts the account id it is given.
 */

export const exportPersonalData = defineRequest({
  service: 'pledge',
  name: 'ExportPersonalData',
  version: 1,
  description:
    'Every pledge an account made, in every status, its personal data opened (or "erased"): what the pledge service ' +
    'holds about that person, for `GET /api/me/data`.',
  callers: ['gateway'],
  request: z.object({ accountId: uuid().describe('The account asking for its own data.') }),
  reply: z.object({
    erasedAt: instant().nullable().describe('When this person’s key was erased, null if it never was.'),
    pledges: z.array(pledgeViewSchema).describe('Their pledges, oldest first.'),
  }),
});

const pledgeIds = (what: string) => z.array(uuid()).describe(what);

const erasureOutcome = z.object({
  erasedAt: instant().describe('When the key was erased (the first time, if asked again).'),
  abandoned: pledgeIds('Checkouts ended, never to be charged.'),
  cancelled: pledgeIds('Committed all-or-nothing pledges withdrawn before their deadline.'),
  kept: pledgeIds('Pledges left as they were: paid, refunded or ended, amounts and tips intact.'),
});

const STILL_CHARGEABLE =
  'Refused (illegal_state, details.pledgeIds) while an all-or-nothing pledge may still be charged (past its deadline and ' +
  'not settled): erasure never leaves a card to be charged for an erased person.';

export const erasePersonalData = defineRequest({
  service: 'pledge',
  name: 'ErasePersonalData',
  version: 1,
  description:
    'Erases an account’s personal data from the pledge service: unfinished checkouts are abandoned and committed ' +
    'all-or-nothing pledges cancelled (before their deadline), then the person’s key is deleted, so every name, e-mail and ' +
    'message sealed under it reads "erased"; amounts, tips and statuses stay. Idempotent: asking again after a crash ' +
    `finishes the work. ${STILL_CHARGEABLE}`,
  callers: ['gateway'],
  request: z.object({ accountId: uuid().describe('The account to erase.') }),
  reply: erasureOutcome,
});

export const eraseGuestPersonalData = defineRequest({
  service: 'pledge',
  name: 'EraseGuestPersonalData',
  version: 1,
  description:
    'Erases a guest’s pledge’s personal data (its key is the pledge’s own, ADR 0022), the guest presenting the token of ' +
    `its private link: as ErasePersonalData, for that one pledge; not_found for a wrong token. ${STILL_CHARGEABLE}`,
  callers: ['gateway'],
  request: z.object({
    pledgeId: uuid().describe('The guest’s pledge.'),
    guestTokenHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('SHA-256 (hex) of the token of the pledge’s private link.'),
  }),
  reply: erasureOutcome,
});
