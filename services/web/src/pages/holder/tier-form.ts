import type { CampaignView } from '../../elan-api';
import type { Translator } from '../../i18n/i18n';
import type { FieldErrors } from '../forms';
import { eurosInput, parseEuros } from './euros';

export const TIER_FIELDS = ['title', 'description', 'minimumAmount', 'quantityLimit', 'estimatedDelivery'] as const;
export type TierField = (typeof TIER_FIELDS)[number];
export type TierFormValues = Readonly<Record<TierField, string>>;

/** A tier's price and stock are what contributors rely on: frozen once the campaign is approved (ADR 0010). */
export type TierFormMode = 'new' | 'draft' | 'approved';
export const tierFieldOffered = (mode: TierFormMode, field: TierField): boolean =>
  mode !== 'approved' || (field !== 'minimumAmount' && field !== 'quantityLimit');

export const EMPTY_TIER_FORM: TierFormValues = {
  title: '',
  description: '',
  minimumAmount: '',
  quantityLimit: '',
  estimatedDelivery: '',
};

export const tierFormValues = (form: URLSearchParams): TierFormValues =>
  Object.fromEntries(TIER_FIELDS.map((field) => [field, form.get(field) ?? ''])) as TierFormValues;

type Tier = CampaignView['tiers'][number];

export const tierValuesOf = (tier: Tier, locale: 'fr' | 'en'): TierFormValues => ({
  title: tier.title,
  description: tier.description,
  minimumAmount: eurosInput(tier.minimumAmount.amount, locale),
  quantityLimit: tier.quantityLimit === null ? '' : String(tier.quantityLimit),
  estimatedDelivery: tier.estimatedDelivery ?? '',
});

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The API's body for a tier's form (`POST` a new one, `PATCH` a change), or what the web refuses first. */
export const tierBody = (
  values: TierFormValues,
  mode: TierFormMode,
  t: Translator,
): { readonly body: Record<string, unknown> } | { readonly errors: FieldErrors } => {
  const errors = new Map<string, string>();
  const body: Record<string, unknown> = { title: values.title.trim(), description: values.description };
  if (values.title.trim() === '') errors.set('title', t.t('holder.error.title'));
  if (tierFieldOffered(mode, 'minimumAmount')) {
    const amount = parseEuros(values.minimumAmount);
    if (values.minimumAmount.trim() === '') errors.set('minimumAmount', t.t('holder.error.amountMissing'));
    else if (amount === undefined || amount <= 0) errors.set('minimumAmount', t.t('holder.error.goal'));
    else body.minimumAmount = { amount, currency: 'EUR' };
  }
  if (tierFieldOffered(mode, 'quantityLimit')) {
    const limit = values.quantityLimit.trim();
    if (limit === '') body.quantityLimit = null;
    else if (!/^\d{1,9}$/.test(limit) || Number(limit) < 1) errors.set('quantityLimit', t.t('holder.error.quantity'));
    else body.quantityLimit = Number(limit);
  }
  const month = values.estimatedDelivery.trim();
  if (month !== '' && !MONTH.test(month)) errors.set('estimatedDelivery', t.t('holder.error.month'));
  else if (month !== '') body.estimatedDelivery = month;
  else if (mode !== 'new') body.estimatedDelivery = null;
  return errors.size > 0 ? { errors } : { body };
};
