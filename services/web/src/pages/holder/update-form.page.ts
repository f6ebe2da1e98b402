import { html, type Html } from '../../html';
import { HOLDER_PATHS } from '../../routes/holder-paths';
import { csrfField, errorSummary, inputField, NO_ERRORS, textareaField, type FieldErrors } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';

export interface UpdateFormView {
  readonly campaignId: string;
  readonly campaignTitle: string;
  readonly values: { readonly title: string; readonly body: string };
  readonly errors?: FieldErrors;
  readonly problem?: string | undefined;
  readonly idem: string;
}

/** News for the campaign page: a title and a text, published at once on the public page. */
export const updateFormPage = (context: PageContext, view: UpdateFormView): Html => {
  const { t } = context;
  const errors = view.errors ?? NO_ERRORS;
  const labels = { title: t.t('holder.update.field.title'), body: t.t('holder.update.field.body') };
  return layout(
    context,
    `${t.t('holder.update.title')} — ${view.campaignTitle} — ${t.t('site.name')}`,
    html`<p class="back">
        <a href="${localHref(context, HOLDER_PATHS.campaign(view.campaignId))}"
          >${t.t('holder.backTo', { title: view.campaignTitle })}</a
        >
      </p>
      <h1>${t.t('holder.update.title')}</h1>
      ${errorSummary(context, errors, labels, view.problem)}
      <p>${t.t('holder.update.intro')}</p>
      <form method="post" action="${localHref(context, HOLDER_PATHS.updates(view.campaignId))}" class="stacked" novalidate>
        ${csrfField(context)}<input type="hidden" name="idem" value="${view.idem}" />
        ${inputField({
          name: 'title',
          label: labels.title,
          value: view.values.title,
          required: true,
          maxlength: 120,
          error: errors.get('title'),
        })}
        ${textareaField({
          name: 'body',
          label: labels.body,
          value: view.values.body,
          rows: 10,
          required: true,
          maxlength: 10_000,
          error: errors.get('body'),
        })}
        <button type="submit">${t.t('holder.update.publish')}</button>
      </form>`,
  );
};
