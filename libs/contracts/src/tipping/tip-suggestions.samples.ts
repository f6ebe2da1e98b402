import { TIP_EXPLAINER_KEY, TIP_EXPLAINER_TEXT } from './tip-suggestions.requests';

/**
 * One valid and one invalid payload for each tipping request, for the catalog test.
 * Test data only: imported by `catalog.unit.spec.ts`.
 */
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const explainer = { key: TIP_EXPLAINER_KEY, text: TIP_EXPLAINER_TEXT };
const suggestions = [
  { amount: eur(0), shareBasisPoints: 0 },
  { amount: eur(150), shareBasisPoints: 500 },
  { amount: eur(300), shareBasisPoints: 1_000 },
  { amount: eur(450), shareBasisPoints: 1_500 },
];

interface Invalid {
  readonly field: string;
  readonly payload: unknown;
}
type Sample = { request: { valid: unknown; invalid: Invalid }; reply: { valid: unknown[]; invalid: Invalid } };

export const tippingRequestSamples: Record<string, Sample> = {
  'rpc.tipping.SuggestTips.v1': {
    request: { valid: { amount: eur(3_000) }, invalid: { field: 'amount.amount', payload: { amount: eur(30.5) } } },
    reply: {
      valid: [
        { currency: 'EUR', suggestions, preselected: null, explainer },
        { currency: 'EUR', suggestions: [suggestions[0]], preselected: null, explainer },
      ],
      invalid: {
        field: 'preselected',
        payload: { currency: 'EUR', suggestions, preselected: suggestions[1], explainer },
      },
    },
  },
};
