import { parseCookies, setCookie } from '../http/cookies';
import { isSameOrigin } from './csrf';
import { cookieNames, readSession, viewerOf } from './session';

const token = (claims: object): string =>
  ['header', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'signature'].join('.');
const NOW = new Date('2026-12-02T12:00:00Z');
const IN_AN_HOUR = NOW.getTime() / 1000 + 3600;

describe('the session', () => {
  it('reads who is logged in from the token’s claims, keeping only roles it knows', () => {
    expect(viewerOf(token({ sub: 'a1', roles: ['holder', 'wizard', 'moderator'], exp: IN_AN_HOUR }), NOW)).toEqual({
      accountId: 'a1',
      roles: ['holder', 'moderator'],
      expiresAt: new Date(IN_AN_HOUR * 1000),
    });
  });

  it('treats an expired, unreadable or incomplete token as no session at all', () => {
    expect(viewerOf(token({ sub: 'a1', roles: [], exp: NOW.getTime() / 1000 - 1 }), NOW)).toBeNull();
    expect(viewerOf('not-a-jwt', NOW)).toBeNull();
    expect(viewerOf('a.%%%.c', NOW)).toBeNull();
    expect(viewerOf(token({ roles: [], exp: IN_AN_HOUR }), NOW)).toBeNull();
    const expired = token({ sub: 'a1', exp: 1 });
    expect(readSession(`elan_session=${expired}; elan_browser=k`, cookieNames(false), NOW)).toEqual({
      accessToken: null,
      viewer: null,
      browserKey: 'k',
    });
  });

  it('names its cookies with the __Host- prefix wherever they are Secure', () => {
    expect(cookieNames(true)).toEqual({ session: '__Host-elan_session', browser: '__Host-elan_browser' });
    expect(setCookie('__Host-elan_session', 'a b', { secure: true, maxAge: 900 })).toBe(
      '__Host-elan_session=a%20b; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=900',
    );
  });

  it('parses cookies leniently: the first of a name wins, a broken pair is skipped', () => {
    const cookies = parseCookies('a=1; b=%E0%A4%A; a=2; =x; c');
    expect([...cookies]).toEqual([['a', '1']]);
  });

  it('takes a POST from our own origin only', () => {
    expect(isSameOrigin({ origin: 'https://elan.example', host: 'x' }, 'https://elan.example')).toBe(true);
    expect(isSameOrigin({ origin: 'https://evil.example', host: 'elan.example' }, 'https://elan.example')).toBe(false);
    expect(isSameOrigin({ origin: 'http://localhost:8080', host: 'localhost:8080' }, undefined)).toBe(true);
    expect(isSameOrigin({ origin: 'null', host: 'localhost:8080' }, undefined)).toBe(false);
    expect(isSameOrigin({ host: 'localhost:8080', 'sec-fetch-site': 'cross-site' }, undefined)).toBe(false);
    expect(isSameOrigin({ host: 'localhost:8080' }, undefined)).toBe(true);
  });
});
