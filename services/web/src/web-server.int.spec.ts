import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { startWeb, type RunningWeb } from './web-server';

/** A port nobody answers on: the API is down for these tests, which need only the web's own routes. */
const closedPort = async (): Promise<number> => {
  const server: Server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((closed) => server.close(() => closed()));
  return port;
};

/**
 * The web server's own answers, on a real port: the language in the path, the headers every
 * answer carries, the stylesheet, what is not a page. The pages themselves, against a real
 * stack, are in e2e/web.e2e.spec.ts.
 */
describe('the web server', () => {
  let web: RunningWeb;
  beforeAll(async () => {
    const silent = new Logger('Web');
    silent.warn = () => undefined;
    web = await startWeb(
      {
        port: 0,
        host: '127.0.0.1',
        apiUrl: `http://127.0.0.1:${await closedPort()}`,
        apiTimeoutMs: 2_000,
        sessionSecret: Buffer.alloc(32, 7),
      },
      silent,
    );
  });
  afterAll(() => web?.close());

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(`${web.url}${path}`, { method, headers, redirect: 'manual' });

  it('sends a path without a language to the one the visitor prefers, French by default', async () => {
    const english = await get('/campaigns/x?a=1', { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.8' });
    expect(english.status).toBe(303);
    expect(english.headers.get('location')).toBe('/en/campaigns/x?a=1');
    expect(english.headers.get('vary')).toBe('Accept-Language');
    expect((await get('/', { 'accept-language': 'de' })).headers.get('location')).toBe('/fr/');
    expect((await get('/en')).headers.get('location')).toBe('/en/');
  });

  it('says plainly when the API is down: 503, in the page’s language, never cached', async () => {
    const response = await get('/en/');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-language')).toBe('en');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await response.text()).toContain('<h1>Élan is briefly unavailable</h1>');
  });

  it('answers an unknown page with 404 without asking the API', async () => {
    const response = await get('/fr/nulle-part');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<h1>Page introuvable</h1>');
  });

  it('puts its security headers on every answer: no script may run, no frame may hold it', async () => {
    for (const response of [await get('/fr/nulle-part'), await get('/health'), await get('/favicon.ico')]) {
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('content-security-policy')).not.toContain('script-src');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('serves its stylesheet under a name that changes with it, cached for a year', async () => {
    const page = await (await get('/fr/nulle-part')).text();
    const href = /<link rel="stylesheet" href="(\/assets\/elan\.[0-9a-f]{12}\.css)"/.exec(page)?.[1];
    expect(href).toBeDefined();
    const stylesheet = await get(href ?? '');
    expect(stylesheet.status).toBe(200);
    expect(stylesheet.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(stylesheet.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/assets/elan.000000000000.css')).status).toBe(404);
  });

  it('takes GET, HEAD and the POST of a form, nothing else', async () => {
    const put = await get('/fr/', {}, 'PUT');
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
    const post = await get('/fr/', {}, 'POST');
    expect(post.status).toBe(405);
    const head = await get('/fr/nulle-part', {}, 'HEAD');
    expect(head.status).toBe(404);
    expect(await head.text()).toBe('');
  });

  /** The log-in form as a browser first gets it: its CSRF token, and the cookie it is bound to. */
  const loginForm = async (): Promise<{ token: string; cookie: string }> => {
    const page = await get('/fr/login');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    const setCookie = page.headers.getSetCookie();
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(/^elan_browser=[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/);
    const token = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    expect(token).not.toBe('');
    return { token, cookie: (setCookie[0] ?? '').split(';')[0] ?? '' };
  };
  const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string>) =>
    fetch(`${web.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });

  it('refuses a form without its CSRF token, with another browser’s, or from another site — before asking the API', async () => {
    const { token, cookie } = await loginForm();
    const origin = new URL(web.url).origin;
    const fields = { email: 'a@example.org', password: 'secret', next: '/fr/' };
    const refused = [
      await postForm('/fr/login', fields, { cookie, origin }),
      await postForm('/fr/login', { ...fields, csrf: token }, { origin }),
      await postForm('/fr/login', { ...fields, csrf: token }, { cookie: 'elan_browser=someone-else', origin }),
      await postForm('/fr/login', { ...fields, csrf: `${token}x` }, { cookie, origin }),
      await postForm('/fr/login', { ...fields, csrf: token }, { cookie, origin: 'https://evil.example' }),
    ];
    for (const response of refused) {
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('Ce formulaire a expiré ou ne vient pas de ce site.');
    }
    // The same form, whole and from this site, reaches the API (which is down here: 503).
    const accepted = await postForm('/fr/login', { ...fields, csrf: token }, { cookie, origin });
    expect(accepted.status).toBe(503);
  });

  it('reads only forms: another body is refused with 415, a huge one with 413', async () => {
    const json = await fetch(`${web.url}/fr/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    const huge = await postForm('/fr/login', { email: 'x'.repeat(70_000) }, {});
    expect(huge.status).toBe(413);
  });

  it('never sends a visitor elsewhere after logging in: only a path of this site is kept as the next page', async () => {
    const page = await (await get('/en/login?next=%2F%2Fevil.example%2F')).text();
    expect(page).toContain('name="next" value="/en/"');
    const kept = await (await get('/en/login?next=%2Fen%2Fcampaigns%3Fq%3D1&why=required')).text();
    expect(kept).toContain('name="next" value="/en/campaigns?q=1"');
    expect(kept).toContain('Log in to continue.');
  });
});
