import { CAMPAIGN_CATEGORIES } from '@elan/contracts';
import { DEPARTEMENTS } from '../../departements';
import type { CampaignView, Problem } from '../../elan-api';
import type { Translator } from '../../i18n/i18n';
import type { FieldErrors } from '../forms';
import { eurosInput, parseEuros } from './euros';
import { instantToParisLocal, parisLocalToInstant } from './paris-time';

/** How campaigns collect, as the contracts name them. */
export const FUNDING_MODELS = ['all_or_nothing', 'keep_it_all'] as const;

/** The campaign form's fields, in the order of the form (and of its error summary). */
export const CAMPAIGN_FIELDS = [
  'title',
  'summary',
  'story',
  'category',
  'departement',
  'commune',
  'goal',
  'fundingModel',
  'startsAt',
  'deadline',
  'imageUrl',
] as const;
export type CampaignField = (typeof CAMPAIGN_FIELDS)[number];

/** The form as typed: text, exactly as the holder wrote it, to show it again with its errors. */
export type CampaignFormValues = Readonly<Record<CampaignField, string>>;

/**
 * Which fields the form offers. A draft is freely editable; once approved, only the words and the
 * image may change (ADR 0010, ADR 0012): the rest is shown, not offered.
 */
export type CampaignFormMode = 'create' | 'draft' | 'approved';
export const EDITABLE_AFTER_APPROVAL: readonly CampaignField[] = ['title', 'summary', 'story', 'imageUrl'];

export const isOffered = (mode: CampaignFormMode, field: CampaignField): boolean =>
  mode !== 'approved' || EDITABLE_AFTER_APPROVAL.includes(field);

export const EMPTY_CAMPAIGN_FORM: CampaignFormValues = {
  title: '',
  summary: '',
  story: '',
  category: '',
  departement: '',
  commune: '',
  goal: '',
  fundingModel: '',
  startsAt: '',
  deadline: '',
  imageUrl: '',
};

export const campaignFormValues = (form: URLSearchParams): CampaignFormValues =>
  Object.fromEntries(CAMPAIGN_FIELDS.map((field) => [field, form.get(field) ?? ''])) as CampaignFormValues;

/** The form prefilled from the campaign as the API holds it. */
export const formValuesOf = (campaign: CampaignView, locale: 'fr' | 'en'): CampaignFormValues => ({
  title: campaign.title,
  summary: campaign.summary,
  story: campaign.story,
  category: campaign.category,
  departement: campaign.departement,
  commune: campaign.commune ?? '',
  goal: campaign.goal === null ? '' : eurosInput(campaign.goal.amount, locale),
  fundingModel: campaign.fundingModel,
  startsAt: campaign.startsAt === null ? '' : instantToParisLocal(campaign.startsAt),
  deadline: campaign.deadline === null ? '' : instantToParisLocal(campaign.deadline),
  // The holder sees the image they proposed last, even while it waits for a moderator.
  imageUrl: campaign.pendingImageUrl ?? campaign.imageUrl ?? '',
});

export type CampaignBody = Record<string, unknown>;

/**
 * The API's body for the form, or the fields the web refuses first (in the page's language). The
 * web asks for a goal from the start: the page, its progress and its preview mean nothing without
 * one. Whether the rest is acceptable (lengths, dates, the image's URL) is the campaign's to say.
 */
export const campaignBody = (
  values: CampaignFormValues,
  mode: CampaignFormMode,
  t: Translator,
): { readonly body: CampaignBody } | { readonly errors: FieldErrors } => {
  const errors = new Map<string, string>();
  const text = (field: CampaignField) => values[field].trim();
  if (text('title') === '') errors.set('title', t.t('holder.error.title'));
  const body: CampaignBody = { title: text('title') };
  for (const field of ['summary', 'story'] as const) if (text(field) !== '') body[field] = values[field];
  if (mode === 'create') {
    if (text('imageUrl') !== '') body.imageUrl = text('imageUrl');
  } else body.imageUrl = text('imageUrl') === '' ? null : text('imageUrl');
  if (mode === 'approved') return errors.size > 0 ? { errors } : { body };

  if (!(CAMPAIGN_CATEGORIES as readonly string[]).includes(values.category)) errors.set('category', t.t('holder.error.category'));
  else body.category = values.category;
  if (!DEPARTEMENTS.some(([code]) => code === values.departement)) errors.set('departement', t.t('holder.error.departement'));
  else body.location = { departement: values.departement, ...(text('commune') !== '' && { commune: text('commune') }) };
  if (!(FUNDING_MODELS as readonly string[]).includes(values.fundingModel))
    errors.set('fundingModel', t.t('holder.error.fundingModel'));
  else body.fundingModel = values.fundingModel;
  const goal = parseEuros(values.goal);
  if (text('goal') === '') errors.set('goal', t.t('holder.error.goalMissing'));
  else if (goal === undefined || goal <= 0) errors.set('goal', t.t('holder.error.goal'));
  else body.goal = { amount: goal, currency: 'EUR' };
  for (const field of ['startsAt', 'deadline'] as const) {
    if (text(field) === '') continue;
    const instant = parisLocalToInstant(values[field]);
    if (instant === undefined) errors.set(field, t.t('holder.error.date'));
    else body[field] = instant;
  }
  // Reorder the errors as the form's fields come.
  const ordered = new Map(CAMPAIGN_FIELDS.filter((field) => errors.has(field)).map((field) => [field, errors.get(field) ?? '']));
  return ordered.size > 0 ? { errors: ordered } : { body };
};

/**
 * The API's field errors, by the form's field names: `location.departement` is the département's
 * field, `goal.amount` the goal's.
 */
export const apiFieldErrors = (problem: Problem | undefined, fields: readonly string[]): FieldErrors => {
  const errors = new Map<string, string>();
  for (const { field, message } of problem?.errors ?? []) {
    const local = field.replace(/^location\./, '').replace(/^location$/, 'departement');
    const name = fields.find((candidate) => local === candidate || local.startsWith(`${candidate}.`)) ?? local;
    if (!errors.has(name)) errors.set(name, message);
  }
  return errors;
};
