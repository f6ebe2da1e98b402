import { html, type Html } from '../../html';
import { PATHS } from '../../routes/paths';
import { csrfField, errorSummary, inputField, NO_ERRORS, type FieldErrors } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';

export interface RegisterForm {
  readonly displayName: string;
  readonly email: string;
  /** Where to go once the account is made and logged in: a path of this site. */
  readonly next: string;
  readonly errors?: FieldErrors;
  /** What went wrong beyond a field (the address taken, too many attempts), said above the form. */
  readonly notice?: string | undefined;
}

/** The fields of the form, in the API's names, so its problem's errors land on them. */
export const REGISTER_FIELDS = ['displayName', 'email', 'password'] as const;

/** Creating an account: name, address, password (the API's strength rules shown on the field), then logged in at once. */
export const registerPage = (context: PageContext, form: RegisterForm): Html => {
  const { t } = context;
  const errors = form.errors ?? NO_ERRORS;
  const labels = {
    displayName: t.t('register.displayName'),
    email: t.t('register.email'),
    password: t.t('register.password'),
  };
  return layout(
    context,
    t.t('register.pageTitle'),
    html`<h1>${t.t('register.title')}</h1>
      ${errorSummary(context, errors, labels, form.notice)}
      <p>${t.t('register.intro')}</p>
      <form method="post" action="${localHref(context, PATHS.register)}" class="stacked">
        ${csrfField(context)}
        <input type="hidden" name="next" value="${form.next}" />
        ${inputField({
          name: 'displayName',
          label: labels.displayName,
          hint: t.t('register.displayName.hint'),
          value: form.displayName,
          autocomplete: 'name',
          maxlength: 100,
          required: true,
          error: errors.get('displayName'),
        })}
        ${inputField({
          name: 'email',
          label: labels.email,
          type: 'email',
          value: form.email,
          autocomplete: 'email',
          maxlength: 254,
          required: true,
          error: errors.get('email'),
        })}
        ${inputField({
          name: 'password',
          label: labels.password,
          type: 'password',
          hint: t.t('register.password.hint'),
          autocomplete: 'new-password',
          maxlength: 200,
          required: true,
          error: errors.get('password'),
        })}
        <button type="submit">${t.t('register.submit')}</button>
      </form>
      <p>
        ${t.t('register.haveAccount')}
        <a href="${localHref(context, PATHS.login)}?next=${encodeURIComponent(form.next)}">${t.t('register.login')}</a>
      </p>`,
  );
};
