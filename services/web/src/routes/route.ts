import type { Logger } from '@nestjs/common';
import type { CardStep } from '../card-step.config';
import type { ElanApi } from '../elan-api';
import type { Html } from '../html';
import type { PageContext } from '../pages/page-context';
import type { Session } from '../session/session';

/** One request as a route sees it: the page's context, the path's parameters, the form, the API as the visitor. */
export interface WebRequest {
  readonly context: PageContext;
  readonly url: URL;
  /** The path pattern's groups, in order. */
  readonly params: readonly string[];
  /** The POSTed form (its CSRF token already checked); empty on GET. */
  readonly form: URLSearchParams;
  /** The public API, called with the visitor's access token when logged in. */
  readonly api: ElanApi;
  readonly session: Session;
  readonly logger: Logger;
  /** `Set-Cookie` values of the session: to log in (`startSession`) or out (`endSession`). */
  readonly cookies: SessionCookies;
  /** The site's origin as visitors reach it (WEB_PUBLIC_URL, or the request's Host in development): for return addresses. */
  readonly origin?: string;
  /** How the checkout's card step runs (Stripe, the emulator, or neither). */
  readonly cardStep?: CardStep;
}

export interface SessionCookies {
  startSession(accessToken: string, expiresIn: number): string;
  endSession(): string;
}

/** A page, with its status. */
export interface PageAnswer {
  readonly status: number;
  readonly page: Html;
  readonly cookies?: readonly string[];
  /**
   * The page's form answers with a 303 to the payout onboarding at Stripe (the holder's payout
   * account): that origin (WEB_ONBOARDING_ORIGIN) is added to this page's `form-action`, which
   * browsers also check on a form's redirects.
   */
  readonly formToOnboarding?: boolean;
  /** Headers of this page only, over the site's own (the card step's Content-Security-Policy). */
  readonly headers?: Readonly<Record<string, string>>;
}
/** A 303 after a form (Post/Redirect/Get), or to the log-in page. */
export interface RedirectAnswer {
  readonly status: 303;
  readonly location: string;
  readonly cookies?: readonly string[];
}
/** A file the browser saves rather than shows (a data export): `Content-Disposition: attachment`. */
export interface FileAnswer {
  readonly status: 200;
  readonly file: { readonly body: string; readonly contentType: string; readonly filename: string };
  readonly cookies?: readonly string[];
}
export type WebAnswer = PageAnswer | RedirectAnswer | FileAnswer;

export const isRedirect = (answer: WebAnswer): answer is RedirectAnswer => 'location' in answer;
export const isFile = (answer: WebAnswer): answer is FileAnswer => 'file' in answer;

export interface Route {
  readonly method: 'GET' | 'POST';
  /** Matched against the path after the language prefix; its groups become `params`. */
  readonly path: RegExp;
  readonly handle: (request: WebRequest) => Promise<WebAnswer>;
}

export const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

/** Thrown by a route for a page that needs a logged-in visitor: they are sent to log in, and back. */
export class LoginRequired extends Error {}

/** The visitor, or the log-in page first. */
export const requireViewer = (request: WebRequest): NonNullable<PageContext['viewer']> => {
  if (request.context.viewer === null) throw new LoginRequired();
  return request.context.viewer;
};

/**
 * A guest's private link (issue #12): `/{lang}/pledges/{id}?token=…` — the secret token the API
 * gave at the pledge, sent to it as `X-Guest-Token`. Read from the query on GET and from the
 * form's `token` field on POST (the pages' forms carry it on), never stored by the web.
 * `Referrer-Policy: strict-origin-when-cross-origin` keeps it out of other sites' logs.
 */
export const guestTokenOf = (request: WebRequest): string | undefined => {
  const token = request.form.get('token') ?? request.url.searchParams.get('token');
  return token !== null && /^[A-Za-z0-9_-]{16,200}$/.test(token) ? token : undefined;
};

/** The API as this pledge's viewer: the guest's token when the link carries one, else the visitor's session. */
export const pledgeApi = (request: WebRequest) => {
  const guestToken = guestTokenOf(request);
  return guestToken === undefined ? request.api : request.api.as({ guestToken, accessToken: null });
};
