import { html, type Html } from '../../html';
import type { MessageKey } from '../../i18n/messages.fr';
import { PATHS } from '../../routes/paths';
import { csrfField, errorSummary, fieldId, inputField, NO_ERRORS, type FieldErrors } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import { GRANTED_ROLES, ROLE_ACTIONS, type GrantedRole, type RoleAction } from './moderation-views';

/** The roles form as typed: kept as text until checked, so a refusal shows it back as it was. */
export interface RolesForm {
  readonly accountId: string;
  readonly role: string;
  readonly action: string;
  readonly errors: FieldErrors;
  readonly general?: string | undefined;
}
export const EMPTY_ROLES_FORM: RolesForm = { accountId: '', role: '', action: '', errors: NO_ERRORS };

/** What the roles page says once a change is made (Post/Redirect/Get): the account and its roles now. */
export interface RolesDone {
  readonly action: RoleAction;
  readonly role: GrantedRole;
  readonly accountId: string;
  readonly roles: readonly string[];
}

/** A role's name in the page's language; a role the web does not know is shown as the API names it. */
export const roleName = (context: PageContext, role: string): string =>
  ['contributor', 'holder', 'moderator', 'admin'].includes(role) ? context.t.t(`admin.role.${role}` as MessageKey) : role;

/** A group of radio buttons in a fieldset, its legend the question, its error tied to it. */
const radios = (
  name: string,
  legend: string,
  choices: readonly { value: string; label: string }[],
  checked: string,
  error: string | undefined,
): Html => {
  const id = fieldId(name);
  return html`<fieldset
    class="field${error ? ' invalid' : ''}"
    id="${id}"
    ${error ? html` aria-describedby="${id}-error"` : html``}
  >
    <legend>${legend}</legend>
    ${error && html`<p class="error" id="${id}-error">${error}</p>`}
    ${choices.map(
      (choice) =>
        html`<div class="choice">
          <input
            type="radio"
            id="${id}-${choice.value}"
            name="${name}"
            value="${choice.value}"
            ${checked === choice.value ? html` checked` : html``}
            required
          />
          <label for="${id}-${choice.value}">${choice.label}</label>
        </div>`,
    )}
  </fieldset>`;
};

/**
 * Accounts and their roles (issue #12): an account by its id (the API neither lists nor searches
 * accounts), a role, grant or remove; a confirmation page comes before anything changes.
 */
export const accountsPage = (context: PageContext, form: RolesForm, done?: RolesDone): Html => {
  const { t } = context;
  const labels = {
    accountId: t.t('admin.accounts.accountId'),
    role: t.t('admin.accounts.role'),
    action: t.t('admin.accounts.action'),
  };
  return layout(
    context,
    t.t('admin.accounts.pageTitle'),
    html`<p class="back"><a href="${localHref(context, PATHS.admin)}">${t.t('admin.report.back')}</a></p>
      <h1>${t.t('admin.accounts.title')}</h1>
      ${done !== undefined &&
      html`<p class="notice" role="status">
        ${t.t(`admin.accounts.done.${done.action === 'grant' ? 'granted' : 'revoked'}`, {
          role: roleName(context, done.role),
          account: done.accountId,
        })}
        ${done.roles.length > 0 &&
        t.t('admin.accounts.done.roles', { roles: done.roles.map((role) => roleName(context, role)).join(', ') })}
      </p>`}
      ${errorSummary(context, form.errors, labels, form.general)}
      <p>${t.t('admin.accounts.intro')}</p>
      <p>${t.t('admin.accounts.byId')}</p>
      <form method="post" action="${localHref(context, PATHS.adminRoles)}" class="stacked">
        ${csrfField(context)}
        ${inputField({
          name: 'accountId',
          label: labels.accountId,
          hint: t.t('admin.accounts.accountIdHint'),
          value: form.accountId,
          required: true,
          autocomplete: 'off',
          maxlength: 36,
          error: form.errors.get('accountId'),
        })}
        ${radios(
          'role',
          labels.role,
          GRANTED_ROLES.map((role) => ({ value: role, label: roleName(context, role) })),
          form.role,
          form.errors.get('role'),
        )}
        ${radios(
          'action',
          labels.action,
          ROLE_ACTIONS.map((action) => ({ value: action, label: t.t(`admin.accounts.${action}`) })),
          form.action,
          form.errors.get('action'),
        )}
        <button type="submit">${t.t('admin.accounts.continue')}</button>
      </form>`,
  );
};

/** The change said in full, and nothing done until the admin confirms it (a second POST). */
export const confirmRolePage = (
  context: PageContext,
  change: { readonly accountId: string; readonly role: GrantedRole; readonly action: RoleAction },
): Html => {
  const { t } = context;
  return layout(
    context,
    t.t('admin.confirm.pageTitle'),
    html`<h1>${t.t('admin.confirm.title')}</h1>
      <p>${t.t(`admin.confirm.${change.action}`, { role: roleName(context, change.role), account: change.accountId })}</p>
      <p>${t.t(`admin.confirm.${change.role}`)}</p>
      <form method="post" action="${localHref(context, PATHS.adminRoles)}">
        ${csrfField(context)}
        <input type="hidden" name="accountId" value="${change.accountId}" />
        <input type="hidden" name="role" value="${change.role}" />
        <input type="hidden" name="action" value="${change.action}" />
        <input type="hidden" name="confirmed" value="yes" />
        <div class="actions">
          <button type="submit">${t.t('admin.confirm.submit')}</button>
          <a href="${localHref(context, PATHS.adminAccounts)}">${t.t('admin.confirm.cancel')}</a>
        </div>
      </form>`,
  );
};
