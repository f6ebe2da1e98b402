/** The cookies a request carries, by name; a malformed pair is skipped, the first of a name wins. */
export const parseCookies = (header: string | undefined): ReadonlyMap<string, string> => {
  const cookies = new Map<string, string>();
  for (const raw of (header ?? '').split(';')) {
    const pair = raw.trim();
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    if (cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(pair.slice(at + 1).trim()));
    } catch {
      // A value that is not valid percent-encoding is none of ours.
    }
  }
  return cookies;
};

export interface CookieOptions {
  /** Seconds; 0 deletes the cookie; absent makes it last the browser session. */
  readonly maxAge?: number;
  readonly secure: boolean;
}

/**
 * A `Set-Cookie` value for one of our cookies: always `HttpOnly` (no script reads it),
 * `SameSite=Lax` (never sent on a cross-site POST) and `Path=/`; `Secure` wherever HTTPS is.
 */
export const setCookie = (name: string, value: string, options: CookieOptions): string =>
  [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
    ...(options.maxAge !== undefined ? [`Max-Age=${options.maxAge}`] : []),
  ].join('; ');
