import { html, type Html } from '../html';
import { PATHS } from '../routes/paths';
import { csrfField, errorSummary, inputField, NO_ERRORS, type FieldErrors } from './forms';
import { layout } from './layout';
import { localHref, type PageContext } from './page-context';

export interface LoginForm {
  readonly email: string;
  /** Where to go once logged in: a path of this site. */
  readonly next: string;
  /** Why the visitor is here, or what went wrong, said above the form. */
  readonly notice?: string | undefined;
  readonly errors?: FieldErrors;
}

/** The log-in form: e-mail and password, back to where the visitor was. */
export const loginPage = (context: PageContext, form: LoginForm): Html => {
  const { t } = context;
  const errors = form.errors ?? NO_ERRORS;
  return layout(
    context,
    t.t('login.pageTitle'),
    html`<h1>${t.t('login.title')}</h1>
      ${errorSummary(context, errors, { email: t.t('login.email'), password: t.t('login.password') }, form.notice)}
      <form method="post" action="${localHref(context, PATHS.login)}" class="stacked">
        ${csrfField(context)}
        <input type="hidden" name="next" value="${form.next}" />
        ${inputField({
          name: 'email',
          label: t.t('login.email'),
          type: 'email',
          value: form.email,
          autocomplete: 'email',
          required: true,
          error: errors.get('email'),
        })}
        ${inputField({
          name: 'password',
          label: t.t('login.password'),
          type: 'password',
          autocomplete: 'current-password',
          required: true,
          error: errors.get('password'),
        })}
        <button type="submit">${t.t('login.submit')}</button>
      </form>
      <p>${t.t('login.noAccount')} <a href="${localHref(context, PATHS.register)}">${t.t('login.register')}</a></p>`,
  );
};

/** The page a role does not open (403). */
export const forbiddenPage = (context: PageContext): Html => {
  const { t } = context;
  return layout(
    context,
    t.t('forbidden.pageTitle'),
    html`<h1>${t.t('forbidden.title')}</h1>
      <p>${t.t('forbidden.body')}</p>
      <p><a href="${localHref(context, '/')}">${t.t('notFound.back')}</a></p>`,
  );
};
