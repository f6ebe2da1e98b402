import { randomUUID } from 'node:crypto';
import { ApiForbidden, ApiProblem, ApiRefused, ApiUnavailable, type CampaignView } from '../elan-api';
import { fieldErrorsOf, type FieldErrors } from '../pages/forms';
import { localHref } from '../pages/page-context';
import { withNotice } from '../pages/notices';
import {
  refusalOf,
  withToken,
  type MyPledges,
  type PledgeAccess,
  type PledgeCampaign,
  type PledgeView,
} from '../pages/account/account-views';
import { amountInputValue, minorDigitsOf, parseAmountInput } from '../pages/account/money-input';
import { myDataPage } from '../pages/account/my-data.page';
import { myPledgesPage } from '../pages/account/my-pledges.page';
import { cancelPledgePage, changePledgePage, guestErasurePage } from '../pages/account/pledge-forms.page';
import { REGISTER_FIELDS, registerPage } from '../pages/account/register.page';
import { isSafeReturnPath, PATHS } from './paths';
import { guestTokenOf, pledgeApi, requireViewer, UUID, type Route, type WebAnswer, type WebRequest } from './route';

/**
 * The contributor's own pages (issue #12): registration, their pledges, a pledge's change and
 * cancellation (logged in, or a guest through the private link), their data's download and erasure.
 */

interface IssuedToken {
  readonly accessToken: string;
  readonly expiresIn: number;
}

/** A fresh Idempotency-Key for a form about to be shown. */
const newIdem = (): string => randomUUID();
/** The form's own key, when it is one; a new one otherwise (a hand-made POST still acts once). */
const idemOf = (request: WebRequest): string => {
  const idem = request.form.get('idem') ?? '';
  return /^[A-Za-z0-9-]{16,100}$/.test(idem) ? idem : newIdem();
};

/** Where to go after registering: the page the visitor came from, if it is ours; the catalog otherwise. */
const nextOf = (request: WebRequest, value: string | null): string =>
  value !== null && isSafeReturnPath(value) ? value : localHref(request.context, PATHS.catalog);

const showRegister = async (request: WebRequest): Promise<WebAnswer> => ({
  status: 200,
  page: registerPage(request.context, {
    displayName: '',
    email: '',
    next: nextOf(request, request.url.searchParams.get('next')),
  }),
});

/**
 * Creates the account (`POST /api/auth/register`), then logs in with the same credentials at once
 * and keeps the token in the session cookie. The API's refusals land on their fields (its
 * password strength feedback on the password), an address already taken above the form.
 */
const register = async (request: WebRequest): Promise<WebAnswer> => {
  const { context, form } = request;
  const { t } = context;
  const displayName = form.get('displayName') ?? '';
  const email = (form.get('email') ?? '').trim();
  const password = form.get('password') ?? '';
  const next = nextOf(request, form.get('next'));
  const again = (status: number, errors?: FieldErrors, notice?: string): WebAnswer => ({
    status,
    page: registerPage(context, { displayName, email, next, ...(errors && { errors }), notice }),
  });
  try {
    // The account's mails come in the language it was created in, until it chooses another.
    await request.api.post('/api/auth/register', { displayName, email, password, language: context.locale });
  } catch (error) {
    if (error instanceof ApiRefused && error.status === 409) return again(409, undefined, t.t('register.taken'));
    if (error instanceof ApiRefused) return again(400, fieldErrorsOf(error.problem, REGISTER_FIELDS));
    if (error instanceof ApiUnavailable && /: 429 /.test(error.message)) return again(429, undefined, t.t('register.tooMany'));
    throw error;
  }
  // The account exists from here on: if logging in fails now (a rate limit, the API busy), the
  // log-in page takes over rather than an error page that would suggest registering again.
  const issued = await request.api.post<IssuedToken>('/api/auth/login', { email, password }).catch(() => undefined);
  if (issued === undefined)
    return { status: 303, location: `${localHref(context, PATHS.login)}?next=${encodeURIComponent(next)}` };
  return { status: 303, location: next, cookies: [request.cookies.startSession(issued.accessToken, issued.expiresIn)] };
};

/** The campaign of a pledge, for its title and tiers; a pledge page stands without it. */
const campaignOf = (request: WebRequest, campaignId: string): Promise<PledgeCampaign | null> =>
  request.api.campaign(campaignId).then(
    (campaign: CampaignView): PledgeCampaign => campaign,
    () => null,
  );

const myPledges = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const pledges = await request.api.get<MyPledges>('/api/me/pledges');
  const ids = [...new Set(pledges.items.map((pledge) => pledge.campaignId))];
  // Each campaign once, all at once: the titles of the pledges.
  const campaigns = await Promise.all(ids.map(async (id) => [id, await campaignOf(request, id)] as const));
  const found = new Map<string, PledgeCampaign>();
  for (const [id, campaign] of campaigns) if (campaign !== null) found.set(id, campaign);
  return { status: 200, page: myPledgesPage(request.context, pledges, found) };
};

/** The pledge's viewer: its guest by the link's token, or the logged-in visitor (else log in first). */
const accessOf = (request: WebRequest): PledgeAccess => {
  const guestToken = guestTokenOf(request);
  if (guestToken === undefined) requireViewer(request);
  return { guestToken };
};

/** The pledge and its campaign, as this viewer sees them. */
const pledgeAndCampaign = async (
  request: WebRequest,
): Promise<{ pledge: PledgeView; campaign: PledgeCampaign | null; access: PledgeAccess }> => {
  const access = accessOf(request);
  const pledge = await pledgeApi(request).get<PledgeView>(`/api/pledges/${request.params[0] ?? ''}`);
  return { pledge, campaign: await campaignOf(request, pledge.campaignId), access };
};

/** After a pledge's form: its page, with the guest's token. */
const toPledge = (request: WebRequest, pledgeId: string, access: PledgeAccess): WebAnswer => ({
  status: 303,
  location: localHref(request.context, withToken(PATHS.pledge(pledgeId), access)),
});

const showChange = async (request: WebRequest): Promise<WebAnswer> => {
  const { pledge, campaign, access } = await pledgeAndCampaign(request);
  const amount = amountInputValue(pledge.amount.amount, minorDigitsOf(pledge.amount.currency), request.context.locale);
  return {
    status: 200,
    page: changePledgePage(request.context, {
      pledge,
      campaign,
      ...access,
      idem: newIdem(),
      amount,
      tierId: pledge.tierId ?? '',
    }),
  };
};

/**
 * `PATCH /api/pledges/{id}`: another amount or tier for a committed all-or-nothing pledge. The
 * amount is read digit by digit into minor units; a refusal shows the form again, the pledge as
 * it stands now (nothing changed).
 */
const change = async (request: WebRequest): Promise<WebAnswer> => {
  const { context, form } = request;
  const { t } = context;
  const { pledge, campaign, access } = await pledgeAndCampaign(request);
  const typed = form.get('amount') ?? '';
  const tierId = form.get('tierId') ?? '';
  const idem = idemOf(request);
  const digits = minorDigitsOf(pledge.amount.currency);
  const again = (status: number, errors?: FieldErrors, notice?: string): WebAnswer => ({
    status,
    page: changePledgePage(context, {
      pledge,
      campaign,
      ...access,
      idem,
      amount: typed,
      tierId,
      ...(errors && { errors }),
      notice,
    }),
  });
  const minor = parseAmountInput(typed, digits);
  const errors = new Map<string, string>();
  if (minor === undefined) errors.set('amount', t.t('change.amount.invalid', { digits }));
  if (tierId !== '' && !new RegExp(`^${UUID}$`).test(tierId)) errors.set('tierId', t.t('refusal.tier'));
  if (minor === undefined || errors.size > 0) return again(400, errors);
  try {
    await pledgeApi(request).call({
      method: 'PATCH',
      path: `/api/pledges/${pledge.pledgeId}`,
      body: { amount: { amount: minor, currency: pledge.amount.currency }, tierId: tierId === '' ? null : tierId },
    });
  } catch (error) {
    if (error instanceof ApiRefused && error.status === 409)
      return again(409, undefined, t.t('change.refused', { reason: t.t(refusalOf(error.problem)) }));
    if (error instanceof ApiRefused) return again(400, fieldErrorsOf(error.problem, ['amount', 'tierId']));
    throw error;
  }
  return toPledge(request, pledge.pledgeId, access);
};

const showCancel = async (request: WebRequest): Promise<WebAnswer> => {
  const { pledge, campaign, access } = await pledgeAndCampaign(request);
  return { status: 200, page: cancelPledgePage(request.context, { pledge, campaign, ...access, idem: newIdem() }) };
};

/** `POST /api/pledges/{id}/cancel`: refunded (tip included) when paid, never charged otherwise. */
const cancel = async (request: WebRequest): Promise<WebAnswer> => {
  const { t } = request.context;
  const pledgeId = request.params[0] ?? '';
  const access = accessOf(request);
  const idem = idemOf(request);
  try {
    await pledgeApi(request).post(`/api/pledges/${pledgeId}/cancel`, undefined, idem);
  } catch (error) {
    if (!(error instanceof ApiRefused)) throw error;
    // Shown again as the pledge stands now: nothing changed.
    const { pledge, campaign } = await pledgeAndCampaign(request);
    const notice = t.t('cancel.refused', { reason: t.t(refusalOf(error.problem)) });
    return { status: 409, page: cancelPledgePage(request.context, { pledge, campaign, ...access, idem, notice }) };
  }
  return toPledge(request, pledgeId, access);
};

/** A guest's erasure is through their link only: an account's pledges go with the account (My data). */
const guestOnly = (request: WebRequest): WebAnswer | undefined =>
  guestTokenOf(request) === undefined ? { status: 303, location: localHref(request.context, PATHS.myData) } : undefined;

const showGuestErasure = async (request: WebRequest): Promise<WebAnswer> => {
  const elsewhere = guestOnly(request);
  if (elsewhere) return elsewhere;
  const { pledge, campaign, access } = await pledgeAndCampaign(request);
  return { status: 200, page: guestErasurePage(request.context, { pledge, campaign, ...access, idem: newIdem() }) };
};

/** `DELETE /api/pledges/{id}/personal-data` with the link's token (ADR 0022); the link still shows the pledge. */
const eraseGuest = async (request: WebRequest): Promise<WebAnswer> => {
  const elsewhere = guestOnly(request);
  if (elsewhere) return elsewhere;
  const { t } = request.context;
  const pledgeId = request.params[0] ?? '';
  const access = accessOf(request);
  try {
    await pledgeApi(request).call({ method: 'DELETE', path: `/api/pledges/${pledgeId}/personal-data` });
  } catch (error) {
    if (!(error instanceof ApiRefused)) throw error;
    const { pledge, campaign } = await pledgeAndCampaign(request);
    const notice = t.t('guestErase.refused', { reason: t.t('myData.erase.pending') });
    return {
      status: 409,
      page: guestErasurePage(request.context, { pledge, campaign, ...access, idem: idemOf(request), notice }),
    };
  }
  return toPledge(request, pledgeId, access);
};

const showMyData = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  return { status: 200, page: myDataPage(request.context) };
};

/** `GET /api/me/data`, saved by the browser as a file rather than shown. */
const downloadMyData = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const exported = await request.api.get<unknown>('/api/me/data');
  return {
    status: 200,
    file: {
      body: `${JSON.stringify(exported, null, 2)}\n`,
      contentType: 'application/json; charset=utf-8',
      filename: 'elan-my-data.json',
    },
  };
};

/**
 * `DELETE /api/me` with the password typed again (ADR 0022). Refused (wrong password, a pledge
 * being collected, the last admin): the form again, nothing erased. Erased: the session ends
 * (the API revoked its token) and the catalog says so.
 */
const eraseMe = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const { context } = request;
  const { t } = context;
  try {
    await request.api.call({ method: 'DELETE', path: '/api/me', body: { password: request.form.get('password') ?? '' } });
  } catch (error) {
    if (error instanceof ApiForbidden)
      return { status: 403, page: myDataPage(context, { errors: new Map([['password', t.t('myData.erase.wrongPassword')]]) }) };
    if (error instanceof ApiRefused && error.status === 409) {
      const reason = error.problem.type === 'urn:elan:problem:last-admin' ? 'myData.erase.lastAdmin' : 'myData.erase.pending';
      return { status: 409, page: myDataPage(context, { notice: t.t('myData.erase.refused', { reason: t.t(reason) }) }) };
    }
    if (error instanceof ApiProblem && error.status === 400)
      return { status: 400, page: myDataPage(context, { errors: fieldErrorsOf(error.problem, ['password']) }) };
    throw error;
  }
  return {
    status: 303,
    location: localHref(context, withNotice(PATHS.catalog, 'erased')),
    cookies: [request.cookies.endSession()],
  };
};

const PLEDGE = `^/pledges/${UUID}`;

export const ACCOUNT_ROUTES: readonly Route[] = [
  { method: 'GET', path: /^\/register$/, handle: showRegister },
  { method: 'POST', path: /^\/register$/, handle: register },
  { method: 'GET', path: /^\/me\/pledges$/, handle: myPledges },
  { method: 'GET', path: new RegExp(`${PLEDGE}/change$`), handle: showChange },
  { method: 'POST', path: new RegExp(`${PLEDGE}/change$`), handle: change },
  { method: 'GET', path: new RegExp(`${PLEDGE}/cancel$`), handle: showCancel },
  { method: 'POST', path: new RegExp(`${PLEDGE}/cancel$`), handle: cancel },
  { method: 'GET', path: new RegExp(`${PLEDGE}/erase$`), handle: showGuestErasure },
  { method: 'POST', path: new RegExp(`${PLEDGE}/erase$`), handle: eraseGuest },
  { method: 'GET', path: /^\/me\/data$/, handle: showMyData },
  { method: 'POST', path: /^\/me\/data$/, handle: eraseMe },
  { method: 'GET', path: /^\/me\/data\/download$/, handle: downloadMyData },
];
