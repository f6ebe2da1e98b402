import { z } from 'zod';
import { moneySchema } from '../money';
import { defineRequest } from '../request';

/** The explainer's key: the web front translates by it; the text below is its English wording. */
export const TIP_EXPLAINER_KEY = 'tips.explainer.v1';

/** What a tip pays for, in English; `TIP_EXPLAINER_KEY` names it for translations. */
export const TIP_EXPLAINER_TEXT =
  'Tips are the only money Élan takes: 100 % of your pledge goes to the project, and your tip, if you leave one, ' +
  'pays for running the platform. It is optional, 0 is fine, and nothing is chosen for you.';

const suggestion = z.object({
  amount: moneySchema.describe('The suggested tip, in the currency of the pledge; the first is always 0.'),
  shareBasisPoints: z
    .number()
    .int()
    .min(0)
    .describe("The tip's share of the pledge in basis points (1 bp = 0.01 %), rounded half-even: 1050 = 10.5 %."),
});

/**
 * The tips to suggest with a pledge, as the checkout shows them before the contributor
 * chooses. The policy (shares, rounding, largest share) is the tipping service's configuration.
 */
export const suggestTips = defineRequest({
  service: 'tipping',
  name: 'SuggestTips',
  version: 1,
  description:
    'The tips to suggest with a pledge of `amount`, smallest first: always 0 first, then shares of the pledge rounded ' +
    'to amounts that read well, none above the largest share the policy allows. Nothing is pre-selected. A pledge ' +
    'that is not positive is refused with a validation error naming `amount`.',
  callers: ['gateway'],
  request: z.object({
    amount: moneySchema.describe('The pledge the tips are suggested for, in minor units; positive.'),
  }),
  reply: z.object({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .describe('ISO 4217 code of the pledge, and of every suggestion.'),
    suggestions: z.array(suggestion).min(1).describe('The suggestions, smallest first; the first is always 0 (no tip).'),
    preselected: z.null().describe('Always null: no suggestion is pre-selected, the contributor chooses, 0 included.'),
    explainer: z
      .object({
        key: z.literal(TIP_EXPLAINER_KEY).describe('Stable key of the text, for translations by the web front.'),
        text: z.string().min(1).describe('What tips pay for, in English.'),
      })
      .describe('A short text shown next to the suggestions.'),
  }),
});
