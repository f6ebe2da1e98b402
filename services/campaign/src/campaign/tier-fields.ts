import type { CampaignRules } from './campaign-rules';
import { amount, invalid, quantityLimit, text, uuid, yearMonth } from './campaign-fields';
import type { TierChanges, TierDefinition } from './campaign.values';

/** Checks of a reward tier's fields; field names are those of the tier itself (`minimumAmount`). */

const TIER_TITLE = { max: 120, required: true } as const;
const TIER_DESCRIPTION = { max: 2_000, required: false } as const;

export const tierDefinition = (value: TierDefinition, rules: CampaignRules): TierDefinition => {
  if (typeof value !== 'object' || value === null) throw invalid('tier', 'must be an object');
  const definition: TierDefinition = {
    tierId: uuid('tierId', value.tierId),
    minimumAmount: amount('minimumAmount', value.minimumAmount, rules, 'positive'),
    title: text('title', value.title, TIER_TITLE),
    description: text('description', value.description, TIER_DESCRIPTION),
    quantityLimit: quantityLimit('quantityLimit', value.quantityLimit),
  };
  return value.estimatedDelivery === undefined
    ? definition
    : { ...definition, estimatedDelivery: yearMonth('estimatedDelivery', value.estimatedDelivery) };
};

/** Each field given checked; absent ones stay absent. Only `estimatedDelivery` may be `null` (removed). */
export const tierChanges = (changes: TierChanges, rules: CampaignRules): TierChanges => {
  if (typeof changes !== 'object' || changes === null) throw invalid('changes', 'must be an object');
  const given = (key: keyof TierChanges, check: (value: unknown) => unknown) =>
    changes[key] === undefined ? {} : { [key]: check(changes[key]) };
  return {
    ...given('title', (value) => text('title', value, TIER_TITLE)),
    ...given('description', (value) => text('description', value, TIER_DESCRIPTION)),
    ...given('estimatedDelivery', (value) => (value === null ? null : yearMonth('estimatedDelivery', value))),
    ...given('minimumAmount', (value) => amount('minimumAmount', value, rules, 'positive')),
    ...given('quantityLimit', (value) => quantityLimit('quantityLimit', value)),
  } as TierChanges;
};
