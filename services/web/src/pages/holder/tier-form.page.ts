import { html, type Html } from '../../html';
import { HOLDER_PATHS } from '../../routes/holder-paths';
import { csrfField, errorSummary, inputField, NO_ERRORS, textareaField, type FieldErrors } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import { TIER_FIELDS, tierFieldOffered, type TierFormMode, type TierFormValues } from './tier-form';

export interface TierFormView {
  readonly campaignId: string;
  readonly campaignTitle: string;
  readonly mode: TierFormMode;
  /** The tier being changed; absent for a new one. */
  readonly tierId?: string;
  readonly values: TierFormValues;
  readonly errors?: FieldErrors;
  readonly problem?: string | undefined;
  readonly idem?: string;
}

/** A reward tier: its title, what it brings, the smallest pledge in euros, how many, when it ships. */
export const tierFormPage = (context: PageContext, view: TierFormView): Html => {
  const { t } = context;
  const errors = view.errors ?? NO_ERRORS;
  const { values, mode } = view;
  const title = view.tierId === undefined ? t.t('holder.tier.newTitle') : t.t('holder.tier.editTitle', { title: values.title });
  const action =
    view.tierId === undefined ? HOLDER_PATHS.newTier(view.campaignId) : HOLDER_PATHS.tier(view.campaignId, view.tierId);
  const labels = Object.fromEntries(TIER_FIELDS.map((field) => [field, t.t(`holder.tier.field.${field}`)]));
  return layout(
    context,
    `${title} — ${view.campaignTitle} — ${t.t('site.name')}`,
    html`<p class="back">
        <a href="${localHref(context, HOLDER_PATHS.campaign(view.campaignId))}"
          >${t.t('holder.backTo', { title: view.campaignTitle })}</a
        >
      </p>
      <h1>${title}</h1>
      ${errorSummary(context, errors, labels, view.problem)} ${mode === 'approved' && html`<p>${t.t('holder.tier.frozen')}</p>`}
      <form method="post" action="${localHref(context, action)}" class="stacked" novalidate>
        ${csrfField(context)} ${view.idem !== undefined && html`<input type="hidden" name="idem" value="${view.idem}" />`}
        ${inputField({
          name: 'title',
          label: labels.title ?? '',
          value: values.title,
          required: true,
          maxlength: 120,
          error: errors.get('title'),
        })}
        ${textareaField({
          name: 'description',
          label: labels.description ?? '',
          value: values.description,
          rows: 4,
          maxlength: 2_000,
          error: errors.get('description'),
        })}
        ${tierFieldOffered(mode, 'minimumAmount') &&
        inputField({
          name: 'minimumAmount',
          label: labels.minimumAmount ?? '',
          hint: t.t('holder.hint.euros'),
          value: values.minimumAmount,
          inputmode: 'decimal',
          required: true,
          error: errors.get('minimumAmount'),
        })}
        ${tierFieldOffered(mode, 'quantityLimit') &&
        inputField({
          name: 'quantityLimit',
          label: labels.quantityLimit ?? '',
          hint: t.t('holder.tier.hint.quantity'),
          value: values.quantityLimit,
          inputmode: 'numeric',
          error: errors.get('quantityLimit'),
        })}
        ${inputField({
          name: 'estimatedDelivery',
          label: labels.estimatedDelivery ?? '',
          hint: t.t('holder.tier.hint.month'),
          value: values.estimatedDelivery,
          maxlength: 7,
          error: errors.get('estimatedDelivery'),
        })}
        <button type="submit">${t.t('holder.form.save')}</button>
      </form>`,
  );
};
