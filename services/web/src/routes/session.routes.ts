import { ApiProblem, ApiUnauthenticated, ApiUnavailable } from '../elan-api';
import { loginPage } from '../pages/login.page';
import { localHref } from '../pages/page-context';
import { isSafeReturnPath, PATHS } from './paths';
import type { Route, WebAnswer, WebRequest } from './route';

interface IssuedToken {
  readonly accessToken: string;
  readonly expiresIn: number;
}

/** Where to go after logging in: the page the visitor came from, if it is ours; the catalog otherwise. */
const nextOf = (request: WebRequest, value: string | null): string =>
  value !== null && isSafeReturnPath(value) ? value : localHref(request.context, PATHS.catalog);

const showLogin = async (request: WebRequest): Promise<WebAnswer> => {
  const next = nextOf(request, request.url.searchParams.get('next'));
  const why = request.url.searchParams.get('why');
  const notice =
    why === 'expired'
      ? request.context.t.t('login.expired')
      : why === 'required'
        ? request.context.t.t('login.required')
        : undefined;
  return { status: 200, page: loginPage(request.context, { email: '', next, notice }) };
};

/**
 * Logs in through `POST /api/auth/login` and keeps the access token in the session cookie
 * (HttpOnly, SameSite=Lax, Secure over HTTPS); a refusal shows the form again, saying no more
 * than the API does (which account exists is not told).
 */
const logIn = async (request: WebRequest): Promise<WebAnswer> => {
  const { t } = request.context;
  const email = (request.form.get('email') ?? '').trim();
  const next = nextOf(request, request.form.get('next'));
  const again = (status: number, notice: string): WebAnswer => ({
    status,
    page: loginPage(request.context, { email, next, notice }),
  });
  try {
    const issued = await request.api.post<IssuedToken>('/api/auth/login', {
      email,
      password: request.form.get('password') ?? '',
    });
    return { status: 303, location: next, cookies: [request.cookies.startSession(issued.accessToken, issued.expiresIn)] };
  } catch (error) {
    if (error instanceof ApiUnauthenticated || (error instanceof ApiProblem && error.status === 400))
      return again(401, t.t('login.failed'));
    if (error instanceof ApiUnavailable && /: 429 /.test(error.message)) return again(429, t.t('login.tooMany'));
    throw error;
  }
};

/** Revokes the token at the API (so a copied cookie is worth nothing), then forgets it. */
const logOut = async (request: WebRequest): Promise<WebAnswer> => {
  if (request.session.accessToken !== null)
    await request.api.post('/api/auth/logout').catch((error: unknown) => {
      // Already expired or revoked: the browser forgets it all the same.
      if (!(error instanceof ApiUnauthenticated)) throw error;
    });
  return { status: 303, location: localHref(request.context, PATHS.catalog), cookies: [request.cookies.endSession()] };
};

export const SESSION_ROUTES: readonly Route[] = [
  { method: 'GET', path: /^\/login$/, handle: showLogin },
  { method: 'POST', path: /^\/login$/, handle: logIn },
  { method: 'POST', path: /^\/logout$/, handle: logOut },
];
