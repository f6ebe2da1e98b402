import { ApiNotFound, ApiRefused } from '../elan-api';
import { fieldErrorsOf } from '../pages/forms';
import { forbiddenPage } from '../pages/login.page';
import {
  accountsPage,
  confirmRolePage,
  EMPTY_ROLES_FORM,
  type RolesDone,
  type RolesForm,
} from '../pages/moderation/accounts.page';
import { adminPage } from '../pages/moderation/admin.page';
import {
  GRANTED_ROLES,
  ROLE_ACTIONS,
  type AccountView,
  type GrantedRole,
  type ReconciliationReport,
  type RoleAction,
  type UnpaidStatements,
} from '../pages/moderation/moderation-views';
import { reconciliationPage } from '../pages/moderation/reconciliation.page';
import { unpaidPage } from '../pages/moderation/unpaid.page';
import { localHref } from '../pages/page-context';
import { PATHS } from './paths';
import { requireViewer, type Route, type WebAnswer, type WebRequest } from './route';

/** The most unpaid statements one page lists (the API's own limit is 200). */
const UNPAID_LISTED = 100;
/** A run compares every payment with Stripe: the API allows it two minutes, the page waits as long. */
const RUN_TIMEOUT_MS = 125_000;
const IS_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const report = (request: WebRequest) => request.api.get<ReconciliationReport>('/api/admin/reconciliation');

/** The admins' page; the API's 403 (not an admin) is the 403 page. */
const admin = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const [latest, unpaid] = await Promise.all([
    report(request),
    request.api.get<UnpaidStatements>('/api/admin/payouts/unpaid?limit=1'),
  ]);
  return { status: 200, page: adminPage(request.context, latest, unpaid) };
};

const reconciliation = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  return { status: 200, page: reconciliationPage(request.context, await report(request)) };
};

/** Runs it now (after a run in progress, if any), then shows the report it made (Post/Redirect/Get). */
const runReconciliation = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  await request.api.call({ method: 'POST', path: '/api/admin/reconciliation/runs', timeoutMs: RUN_TIMEOUT_MS });
  return { status: 303, location: localHref(request.context, PATHS.adminReconciliation) };
};

const payouts = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const unpaid = await request.api.get<UnpaidStatements>(`/api/admin/payouts/unpaid?limit=${UNPAID_LISTED}`);
  return { status: 200, page: unpaidPage(request.context, unpaid) };
};

const isRole = (value: string | null): value is GrantedRole => GRANTED_ROLES.some((role) => role === value);
const isAction = (value: string | null): value is RoleAction => ROLE_ACTIONS.some((action) => action === value);

/** The change named by `?done=…&role=…&account=…&roles=…` after a 303, if whole. */
const doneOf = (request: WebRequest): RolesDone | undefined => {
  const query = request.url.searchParams;
  const action = query.get('done');
  const role = query.get('role');
  const accountId = query.get('account') ?? '';
  if (!isAction(action) || !isRole(role) || !IS_UUID.test(accountId)) return undefined;
  const roles = (query.get('roles') ?? '').split(',').filter((name) => /^[a-z]{1,20}$/.test(name));
  return { action, role, accountId, roles };
};

/**
 * The roles page and its confirmation read nothing from the API, so the token's roles decide who
 * sees them (a 403 page otherwise); the API checks the role again when the change is confirmed.
 */
const notAnAdmin = (request: WebRequest): WebAnswer | undefined =>
  requireViewer(request).roles.some((role) => role === 'admin')
    ? undefined
    : { status: 403, page: forbiddenPage(request.context) };

const accounts = async (request: WebRequest): Promise<WebAnswer> => {
  const refused = notAnAdmin(request);
  if (refused !== undefined) return refused;
  return { status: 200, page: accountsPage(request.context, EMPTY_ROLES_FORM, doneOf(request)) };
};

/**
 * Grants or removes a role in two steps: the form is checked and the change said in full on a
 * confirmation page; only the confirmed form (`confirmed=yes`) calls the API, then 303 to the
 * roles page, which says what the account's roles are now.
 */
const changeRoles = async (request: WebRequest): Promise<WebAnswer> => {
  const forbidden = notAnAdmin(request);
  if (forbidden !== undefined) return forbidden;
  const { t } = request.context;
  const accountId = (request.form.get('accountId') ?? '').trim().toLowerCase();
  const role = request.form.get('role');
  const action = request.form.get('action');
  const form: RolesForm = { ...EMPTY_ROLES_FORM, accountId, role: role ?? '', action: action ?? '' };
  const errors = new Map<string, string>();
  if (!IS_UUID.test(accountId)) errors.set('accountId', t.t('admin.accounts.invalidId'));
  if (!isRole(role)) errors.set('role', t.t('admin.accounts.chooseRole'));
  if (!isAction(action)) errors.set('action', t.t('admin.accounts.chooseAction'));
  if (errors.size > 0 || !isRole(role) || !isAction(action))
    return { status: 400, page: accountsPage(request.context, { ...form, errors }) };
  if (request.form.get('confirmed') !== 'yes')
    return { status: 200, page: confirmRolePage(request.context, { accountId, role, action }) };
  try {
    const changed = await request.api.post<AccountView>(
      `/api/admin/accounts/${accountId}/roles`,
      action === 'grant' ? { add: [role] } : { remove: [role] },
    );
    const done = new URLSearchParams({ done: action, role, account: changed.id, roles: changed.roles.join(',') });
    return { status: 303, location: `${localHref(request.context, PATHS.adminAccounts)}?${done}` };
  } catch (error) {
    if (error instanceof ApiNotFound)
      return {
        status: 422,
        page: accountsPage(request.context, { ...form, errors: new Map([['accountId', t.t('admin.accounts.notFound')]]) }),
      };
    if (!(error instanceof ApiRefused)) throw error;
    const refused = fieldErrorsOf(error.problem, ['add', 'remove']);
    const general = error.status === 409 ? t.t('admin.accounts.lastAdmin') : (error.problem.detail ?? error.message);
    return {
      status: error.status,
      page: accountsPage(request.context, {
        ...form,
        errors: new Map(),
        general: refused.size > 0 ? [...refused.values()].join(' ') : general,
      }),
    };
  }
};

/** The admins' pages (issue #12): the overview, the reconciliation, the unpaid statements, the roles. */
export const ADMIN_ROUTES: readonly Route[] = [
  { method: 'GET', path: /^\/admin$/, handle: admin },
  { method: 'GET', path: /^\/admin\/reconciliation$/, handle: reconciliation },
  { method: 'POST', path: /^\/admin\/reconciliation\/runs$/, handle: runReconciliation },
  { method: 'GET', path: /^\/admin\/payouts$/, handle: payouts },
  { method: 'GET', path: /^\/admin\/accounts$/, handle: accounts },
  { method: 'POST', path: /^\/admin\/accounts\/roles$/, handle: changeRoles },
];
