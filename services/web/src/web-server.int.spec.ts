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
      { port: 0, host: '127.0.0.1', apiUrl: `http://127.0.0.1:${await closedPort()}`, apiTimeoutMs: 2_000 },
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
    expect(response.headers.get('cache-control')).toBe('no-store');
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

  it('takes only GET and HEAD', async () => {
    const post = await get('/fr/', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await get('/fr/nulle-part', {}, 'HEAD');
    expect(head.status).toBe(404);
    expect(await head.text()).toBe('');
  });
});
