import { html, type Html } from '../../html';
import { PATHS } from '../../routes/paths';
import { csrfField, errorSummary, inputField, NO_ERRORS, type FieldErrors } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';

export interface MyDataView {
  readonly errors?: FieldErrors;
  /** Why the erasure did not happen (409: a pledge being collected, the last admin): nothing was erased. */
  readonly notice?: string | undefined;
}

/**
 * The rights of access and erasure (GDPR art. 15 and 17; ADR 0022): the download of everything
 * Élan holds, and the erasure with what it erases, what it ends and what the law keeps, said
 * before the password that confirms it.
 */
export const myDataPage = (context: PageContext, view: MyDataView = {}): Html => {
  const { t } = context;
  const errors = view.errors ?? NO_ERRORS;
  const labels = { password: t.t('myData.erase.password') };
  return layout(
    context,
    t.t('myData.pageTitle'),
    html`<h1>${t.t('myData.title')}</h1>
      ${errorSummary(context, errors, labels, view.notice)}
      <section aria-labelledby="download">
        <h2 id="download">${t.t('myData.download.heading')}</h2>
        <p>${t.t('myData.download.body')}</p>
        <p><a href="${localHref(context, PATHS.myDataDownload)}" download>${t.t('myData.download.link')}</a></p>
      </section>
      <section aria-labelledby="erase">
        <h2 id="erase">${t.t('myData.erase.heading')}</h2>
        <p>${t.t('myData.erase.erased')}</p>
        <p>${t.t('myData.erase.ended')}</p>
        <p>${t.t('myData.erase.kept')}</p>
        <p>${t.t('myData.erase.holder')}</p>
        <form method="post" action="${localHref(context, PATHS.myData)}" class="stacked">
          ${csrfField(context)}
          ${inputField({
            name: 'password',
            label: labels.password,
            type: 'password',
            hint: t.t('myData.erase.password.hint'),
            autocomplete: 'current-password',
            maxlength: 200,
            required: true,
            error: errors.get('password'),
          })}
          <button type="submit" class="danger">${t.t('myData.erase.submit')}</button>
        </form>
      </section>`,
  );
};
