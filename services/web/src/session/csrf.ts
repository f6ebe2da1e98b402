import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens (ADR 0030): a synchronizer token every form that changes something carries, an
 * HMAC of this browser's key and of the session's token under the web's secret. So a token is
 * worth nothing in another browser or after the visitor logs in or out (login CSRF), and the
 * web keeps no state to check it: any replica with the same secret can.
 */
export class CsrfTokens {
  constructor(private readonly secret: Buffer) {}

  static newBrowserKey(): string {
    return randomBytes(24).toString('base64url');
  }

  tokenFor(browserKey: string, accessToken: string | null): string {
    return createHmac('sha256', this.secret)
      .update('elan web csrf\0')
      .update(browserKey)
      .update('\0')
      .update(accessToken ?? '')
      .digest('base64url');
  }

  isValid(token: string | null, browserKey: string | null, accessToken: string | null): boolean {
    if (token === null || browserKey === null) return false;
    const expected = Buffer.from(this.tokenFor(browserKey, accessToken));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/**
 * Whether a POST comes from our own pages, by the `Origin` browsers send with every POST (and
 * `Sec-Fetch-Site` where there is no Origin): a second lock beside the token.
 */
export const isSameOrigin = (
  headers: { origin?: string | undefined; host?: string | undefined; 'sec-fetch-site'?: string | undefined },
  publicOrigin: string | undefined,
): boolean => {
  const origin = headers.origin;
  if (origin === undefined || origin === 'null') {
    const site = headers['sec-fetch-site'];
    return origin === undefined && (site === undefined || site === 'same-origin' || site === 'none');
  }
  if (publicOrigin !== undefined) return origin === publicOrigin;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
};
