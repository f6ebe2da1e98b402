import { CAMPAIGN_CATEGORIES } from '@elan/contracts';
import { departementLabel, DEPARTEMENTS } from '../../departements';
import { html, type Html } from '../../html';
import { HOLDER_PATHS } from '../../routes/holder-paths';
import { csrfField, errorSummary, inputField, NO_ERRORS, textareaField, type FieldErrors } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import { CAMPAIGN_FIELDS, FUNDING_MODELS, isOffered, type CampaignFormMode, type CampaignFormValues } from './campaign-form';
import { radioField, selectField } from './holder-fields';

export interface CampaignFormView {
  readonly mode: CampaignFormMode;
  /** The campaign being edited; absent for a new one. */
  readonly campaignId?: string;
  readonly values: CampaignFormValues;
  readonly errors?: FieldErrors;
  /** What went wrong beyond fields (a refusal of the campaign's status), said above the form. */
  readonly problem?: string | undefined;
  /** The hidden Idempotency-Key of a new campaign's form: a double submit creates one campaign. */
  readonly idem?: string;
}

/** The fields' labels, also the error summary's link texts. */
export const campaignFieldLabels = (context: PageContext): Record<string, string> =>
  Object.fromEntries(CAMPAIGN_FIELDS.map((field) => [field, context.t.t(`holder.field.${field}`)]));

/** What can no longer change once approved, shown as facts rather than fields. */
const frozenFacts = (context: PageContext, values: CampaignFormValues): Html => {
  const { t } = context;
  const fact = (label: string, value: string) =>
    html`<div>
      <dt>${label}</dt>
      <dd>${value === '' ? '—' : value}</dd>
    </div>`;
  return html`<section aria-labelledby="frozen">
    <h2 id="frozen">${t.t('holder.form.frozen.heading')}</h2>
    <p>${t.t('holder.form.frozen.why')}</p>
    <dl class="facts">
      ${fact(t.t('holder.field.category'), values.category === '' ? '' : t.t(`category.${values.category as 'other'}`))}
      ${fact(t.t('holder.field.departement'), values.departement === '' ? '' : departementLabel(values.departement))}
      ${fact(t.t('holder.field.commune'), values.commune)}
      ${fact(t.t('holder.field.goal'), values.goal === '' ? '' : `${values.goal} €`)}
      ${fact(
        t.t('holder.field.fundingModel'),
        values.fundingModel === '' ? '' : t.t(`fundingModel.${values.fundingModel as 'keep_it_all'}`),
      )}
      ${fact(t.t('holder.field.startsAt'), values.startsAt.replace('T', ' '))}
      ${fact(t.t('holder.field.deadline'), values.deadline.replace('T', ' '))}
    </dl>
  </section>`;
};

/**
 * A new campaign, or a campaign's edit: every field of the draft (title, words, category, place,
 * goal in euros, funding model, dates in Paris time, image URL), the API's or the web's errors
 * tied to each. "Save and preview" saves, then shows the campaign page as the API holds it.
 */
export const campaignFormPage = (context: PageContext, view: CampaignFormView): Html => {
  const { t } = context;
  const errors = view.errors ?? NO_ERRORS;
  const { values, mode } = view;
  const offered = (field: (typeof CAMPAIGN_FIELDS)[number]) => isOffered(mode, field);
  const title = mode === 'create' ? t.t('holder.form.newTitle') : t.t('holder.form.editTitle', { title: values.title });
  const action = view.campaignId === undefined ? HOLDER_PATHS.newCampaign : HOLDER_PATHS.edit(view.campaignId);
  const back = view.campaignId === undefined ? HOLDER_PATHS.campaigns : HOLDER_PATHS.campaign(view.campaignId);
  return layout(
    context,
    `${title} — ${t.t('site.name')}`,
    html`<p class="back"><a href="${localHref(context, back)}">${t.t('holder.back')}</a></p>
      <h1>${title}</h1>
      ${errorSummary(context, errors, campaignFieldLabels(context), view.problem)}
      <p>${t.t('holder.form.intro')}</p>
      <form method="post" action="${localHref(context, action)}" class="stacked" novalidate>
        ${csrfField(context)} ${view.idem !== undefined && html`<input type="hidden" name="idem" value="${view.idem}" />`}
        ${inputField({
          name: 'title',
          label: t.t('holder.field.title'),
          value: values.title,
          required: true,
          maxlength: 120,
          error: errors.get('title'),
        })}
        ${textareaField({
          name: 'summary',
          label: t.t('holder.field.summary'),
          hint: t.t('holder.hint.summary'),
          value: values.summary,
          rows: 3,
          maxlength: 300,
          error: errors.get('summary'),
        })}
        ${textareaField({
          name: 'story',
          label: t.t('holder.field.story'),
          hint: t.t('holder.hint.story'),
          value: values.story,
          rows: 12,
          maxlength: 20_000,
          error: errors.get('story'),
        })}
        ${offered('category') &&
        html`${selectField({
          name: 'category',
          label: t.t('holder.field.category'),
          options: CAMPAIGN_CATEGORIES.map((category) => [category, t.t(`category.${category}`)] as const),
          value: values.category,
          placeholder: t.t('holder.choose'),
          required: true,
          error: errors.get('category'),
        })}
        ${selectField({
          name: 'departement',
          label: t.t('holder.field.departement'),
          options: DEPARTEMENTS.map(([code]) => [code, departementLabel(code)] as const),
          value: values.departement,
          placeholder: t.t('holder.choose'),
          required: true,
          error: errors.get('departement'),
        })}
        ${inputField({
          name: 'commune',
          label: t.t('holder.field.commune'),
          hint: t.t('holder.hint.commune'),
          value: values.commune,
          maxlength: 100,
          error: errors.get('commune'),
        })}
        ${inputField({
          name: 'goal',
          label: t.t('holder.field.goal'),
          hint: t.t('holder.hint.euros'),
          value: values.goal,
          inputmode: 'decimal',
          required: true,
          error: errors.get('goal'),
        })}
        ${radioField({
          name: 'fundingModel',
          label: t.t('holder.field.fundingModel'),
          options: FUNDING_MODELS.map((model) => [model, t.t(`holder.fundingModel.${model}`)] as const),
          value: values.fundingModel,
          required: true,
          error: errors.get('fundingModel'),
        })}
        ${inputField({
          name: 'startsAt',
          label: t.t('holder.field.startsAt'),
          hint: t.t('holder.hint.parisTime'),
          type: 'datetime-local',
          value: values.startsAt,
          error: errors.get('startsAt'),
        })}
        ${inputField({
          name: 'deadline',
          label: t.t('holder.field.deadline'),
          hint: t.t('holder.hint.deadline'),
          type: 'datetime-local',
          value: values.deadline,
          error: errors.get('deadline'),
        })}`}
        ${inputField({
          name: 'imageUrl',
          label: t.t('holder.field.imageUrl'),
          hint: t.t(mode === 'create' || mode === 'draft' ? 'holder.hint.imageUrl' : 'holder.hint.imageUrlReviewed'),
          type: 'url',
          value: values.imageUrl,
          error: errors.get('imageUrl'),
        })}
        <div class="actions">
          <button type="submit">${t.t('holder.form.save')}</button>
          <button type="submit" name="then" value="preview" class="secondary">${t.t('holder.form.saveAndPreview')}</button>
        </div>
      </form>
      ${mode === 'approved' && frozenFacts(context, values)}`,
  );
};
