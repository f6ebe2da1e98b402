import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { html } from './html';
import type { Route } from './routes/route';
import { createWebServer } from './web-server';

/**
 * The answers a route may give besides a page or a redirect (issue #12, the holder's pages): a
 * file to download, and a page whose form goes on to the payout onboarding.
 */
describe('the web server’s other answers', () => {
  const routes: Route[] = [
    {
      method: 'GET',
      path: /^\/export\.csv$/,
      handle: async () => ({
        status: 200,
        file: { contentType: 'text/csv; charset=utf-8', filename: 'backers "x".csv', body: '\uFEFFname,email\r\n' },
      }),
    },
    {
      method: 'GET',
      path: /^\/onboarding$/,
      handle: async () => ({
        status: 200,
        page: html`<html>
          <body>
            <h1>Payout</h1>
          </body>
        </html>`,
        formToOnboarding: true,
      }),
    },
  ];
  const server = createWebServer(
    {
      port: 0,
      apiUrl: 'http://127.0.0.1:9',
      apiTimeoutMs: 1_000,
      sessionSecret: Buffer.alloc(32, 7),
      onboardingOrigin: 'http://127.0.0.1:12111',
    },
    new Logger('Web'),
    routes,
  );
  let origin = '';
  beforeAll(async () => {
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

  it('answers a file as an attachment, with its bytes, its type and a safe name, never cached', async () => {
    const response = await fetch(`${origin}/fr/export.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="backers__x_.csv"');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('lets only the page that asks for it send its form on to the onboarding origin', async () => {
    const onboarding = await fetch(`${origin}/fr/onboarding`);
    expect(onboarding.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:12111;");
    const other = await fetch(`${origin}/fr/nowhere`);
    expect(other.headers.get('content-security-policy')).toContain("form-action 'self';");
  });
});
