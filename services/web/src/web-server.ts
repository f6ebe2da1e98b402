import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { loadStylesheet } from './assets';
import { ElanApi } from './elan-api';
import { htmlDocument } from './html';
import { isLocale, negotiateLocale } from './i18n/i18n';
import { pageContext } from './pages/page-context';
import { routePage, type PageAnswer } from './web-routes';
import { SECURITY_HEADERS } from './security-headers';
import type { WebConfig } from './web.config';

/** Pages may be kept this long by browsers and shared caches: the API's read models lag by seconds anyway. */
const PAGE_CACHE = 'public, max-age=30';
const ASSET_CACHE = 'public, max-age=31536000, immutable';

export interface RunningWeb {
  /** Where the site answers, e.g. `http://localhost:8080`. */
  readonly url: string;
  close(): Promise<void>;
}

const send = (
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string | Buffer,
): void => {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'content-length': String(bytes.length) });
  response.end(request.method === 'HEAD' ? undefined : bytes);
};

/**
 * The web front (ADR 0030): a plain `node:http` server rendering pages from the public API. Paths
 * carry the language (`/fr/…`, `/en/…`); any other path is sent to the language the visitor's
 * `Accept-Language` prefers.
 */
export const createWebServer = (config: WebConfig, logger = new Logger('Web')): Server => {
  const api = new ElanApi(config.apiUrl, config.apiTimeoutMs);
  const stylesheet = loadStylesheet();

  const answerPage = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const [, prefix = '', ...rest] = url.pathname.split('/');
    if (!isLocale(prefix)) {
      const locale = negotiateLocale(request.headers['accept-language']);
      const location = `/${locale}${url.pathname}${url.search}`;
      return send(request, response, 303, { location, vary: 'Accept-Language', 'cache-control': 'no-store' }, '');
    }
    // `/fr` alone is the catalog, at its canonical `/fr/`.
    if (rest.length === 0) return send(request, response, 301, { location: `/${prefix}/${url.search}` }, '');
    const context = pageContext(prefix, `/${rest.join('/')}`, url.search, stylesheet.href);
    const answer: PageAnswer = await routePage(context, url, api, logger);
    send(
      request,
      response,
      answer.status,
      {
        'content-type': 'text/html; charset=utf-8',
        'content-language': context.locale,
        'cache-control': answer.status === 200 ? PAGE_CACHE : 'no-store',
        ...(answer.status === 503 && { 'retry-after': '30' }),
      },
      htmlDocument(answer.page),
    );
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(
        request,
        response,
        405,
        { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
        'Method Not Allowed\n',
      );
    const url = new URL(request.url ?? '/', 'http://web.invalid');
    if (url.pathname === '/health')
      return send(request, response, 200, { 'content-type': 'application/json', 'cache-control': 'no-store' }, '{"status":"ok"}');
    if (url.pathname === stylesheet.href)
      return send(
        request,
        response,
        200,
        { 'content-type': stylesheet.contentType, 'cache-control': ASSET_CACHE },
        stylesheet.body,
      );
    // Files that are not pages get a plain 404, not a redirect to a page in some language.
    if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.ico' || url.pathname === '/robots.txt')
      return send(request, response, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not Found\n');
    return answerPage(request, response, url);
  };

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error(
        `${request.method} ${request.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!response.headersSent)
        send(request, response, 500, { 'content-type': 'text/plain; charset=utf-8' }, 'Internal Server Error\n');
      else response.destroy();
    });
  });
};

/** Starts the web front on its port; `close()` stops taking requests and ends idle connections. */
export const startWeb = async (config: WebConfig, logger = new Logger('Web')): Promise<RunningWeb> => {
  const server = createWebServer(config, logger);
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(config.port, config.host, () => {
      server.off('error', failed);
      listening();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === undefined || config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((closed, failed) => {
        server.close((error) => (error ? failed(error) : closed()));
        server.closeIdleConnections();
      }),
  };
};
