import { parseCookies, setCookie } from '../http/cookies';

/** The roles the API puts in an access token (ADR 0009). */
export type ViewerRole = 'contributor' | 'holder' | 'moderator' | 'admin';

/** Who is logged in, as their access token says: enough to choose links, never to decide a right. */
export interface Viewer {
  readonly accountId: string;
  readonly roles: readonly ViewerRole[];
  readonly expiresAt: Date;
}

/** A browser's session with the web: the API's access token, once logged in, and its browser key. */
export interface Session {
  /** The API's access token, sent as a bearer on every API call made for this visitor. */
  readonly accessToken: string | null;
  readonly viewer: Viewer | null;
  /** A random value of this browser's, which CSRF tokens are bound to; null until we set one. */
  readonly browserKey: string | null;
}

/** Cookie names: `__Host-` (only set over HTTPS, by this host, for `/`) wherever cookies are Secure. */
export interface SessionCookieNames {
  readonly session: string;
  readonly browser: string;
}
export const cookieNames = (secure: boolean): SessionCookieNames =>
  secure
    ? { session: '__Host-elan_session', browser: '__Host-elan_browser' }
    : { session: 'elan_session', browser: 'elan_browser' };

const ROLES: readonly ViewerRole[] = ['contributor', 'holder', 'moderator', 'admin'];

/**
 * The claims of the API's access token (a JWT), read without checking its signature: the web only
 * uses them to show the right links; the API checks the token on every call and answers 401 for
 * one it does not take. An expired or unreadable token is no session.
 */
export const viewerOf = (accessToken: string, now: Date): Viewer | null => {
  const payload = accessToken.split('.')[1];
  if (payload === undefined) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      sub?: unknown;
      roles?: unknown;
      exp?: unknown;
    };
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
    const expiresAt = new Date(claims.exp * 1000);
    if (expiresAt <= now) return null;
    const roles = Array.isArray(claims.roles) ? ROLES.filter((role) => (claims.roles as unknown[]).includes(role)) : [];
    return { accountId: claims.sub, roles, expiresAt };
  } catch {
    return null;
  }
};

export const readSession = (cookieHeader: string | undefined, names: SessionCookieNames, now: Date): Session => {
  const cookies = parseCookies(cookieHeader);
  const token = cookies.get(names.session) ?? null;
  const viewer = token === null ? null : viewerOf(token, now);
  return {
    accessToken: viewer === null ? null : token,
    viewer,
    browserKey: cookies.get(names.browser) ?? null,
  };
};

/** Keeps the access token until it expires, then the browser forgets it. */
export const sessionCookie = (names: SessionCookieNames, secure: boolean, accessToken: string, expiresIn: number): string =>
  setCookie(names.session, accessToken, { secure, maxAge: expiresIn });

export const endSessionCookie = (names: SessionCookieNames, secure: boolean): string =>
  setCookie(names.session, '', { secure, maxAge: 0 });

/** The browser key lasts the browser's session: CSRF tokens in open pages stay valid meanwhile. */
export const browserKeyCookie = (names: SessionCookieNames, secure: boolean, browserKey: string): string =>
  setCookie(names.browser, browserKey, { secure });
