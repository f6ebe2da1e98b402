import type { Logger } from '@nestjs/common';
import { ApiForbidden, ApiNotFound, ApiUnauthenticated, ApiUnavailable } from './elan-api';
import { forbiddenPage } from './pages/login.page';
import { localHref } from './pages/page-context';
import { errorPage, notFoundPage, unavailablePage } from './pages/problem.pages';
import { ACCOUNT_ROUTES } from './routes/account.routes';
import { CATALOG_ROUTES } from './routes/catalog.routes';
import { CHECKOUT_ROUTES } from './routes/checkout.routes';
import { HOLDER_ROUTES } from './routes/holder.routes';
import { PATHS } from './routes/paths';
import { MODERATION_ROUTES } from './routes/moderation.routes';
import { LoginRequired, type Route, type WebAnswer, type WebRequest } from './routes/route';
import { SESSION_ROUTES } from './routes/session.routes';

/** Every page and form of the site, by path after the language prefix; each area lists its own. */
export const ROUTES: readonly Route[] = [
  ...CATALOG_ROUTES,
  ...SESSION_ROUTES,
  // One line per area of the site (issue #12).
  ...ACCOUNT_ROUTES,
  ...HOLDER_ROUTES,
  ...MODERATION_ROUTES,
  ...CHECKOUT_ROUTES,
];

export type { PageAnswer, WebAnswer } from './routes/route';

/** The route for a method and path, or why there is none: 404, or 405 when only another method has it. */
export const findRoute = (
  routes: readonly Route[],
  method: 'GET' | 'POST',
  path: string,
): { route: Route; params: string[] } | 'not-found' | 'wrong-method' => {
  let wrongMethod = false;
  for (const route of routes) {
    const match = route.path.exec(path);
    if (match === null) continue;
    if (route.method === method) return { route, params: match.slice(1).map((group) => group ?? '') };
    wrongMethod = true;
  }
  return wrongMethod ? 'wrong-method' : 'not-found';
};

/** The log-in page, then back here. */
const toLogin = (request: WebRequest, why: 'required' | 'expired', cookies: readonly string[] = []): WebAnswer => {
  const back = request.context.path === PATHS.login ? PATHS.catalog : request.context.path;
  const next = encodeURIComponent(localHref(request.context, back) + (request.url.search ?? ''));
  return { status: 303, location: `${localHref(request.context, PATHS.login)}?next=${next}&why=${why}`, cookies };
};

/**
 * Answers a request with its route. What the API cannot answer becomes the visitor's 404 or 503
 * page; a page that needs a log-in sends to it; anything else is ours, logged, and a 500 page.
 */
export const answerRoute = async (route: Route, request: WebRequest, logger: Logger): Promise<WebAnswer> => {
  const { context, url } = request;
  try {
    return await route.handle(request);
  } catch (error) {
    if (error instanceof LoginRequired) return toLogin(request, 'required');
    // The token expired or was revoked while the cookie lived on: forget it, log in again.
    if (error instanceof ApiUnauthenticated) return toLogin(request, 'expired', [request.cookies.endSession()]);
    if (error instanceof ApiForbidden) return { status: 403, page: forbiddenPage(context) };
    if (error instanceof ApiNotFound) return { status: 404, page: notFoundPage(context) };
    if (error instanceof ApiUnavailable) {
      logger.warn(`${url.pathname}: the API is unavailable: ${error.message}`);
      return { status: 503, page: unavailablePage(context) };
    }
    logger.error(`${url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { status: 500, page: errorPage(context) };
  }
};
