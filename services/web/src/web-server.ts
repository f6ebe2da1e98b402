import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { loadStylesheet } from './assets';
import { cardStepScript } from './card-step.script';
import { ElanApi } from './elan-api';
import { html, htmlDocument, type Html } from './html';
import { FormRefused, readForm } from './http/form-body';
import { isLocale, negotiateLocale } from './i18n/i18n';
import { layout } from './pages/layout';
import { localHref, pageContext, type PageContext } from './pages/page-context';
import { notFoundPage } from './pages/problem.pages';
import { isFile, isRedirect, type Route, type SessionCookies, type WebAnswer } from './routes/route';
import { CsrfTokens, isSameOrigin } from './session/csrf';
import { browserKeyCookie, cookieNames, endSessionCookie, readSession, sessionCookie } from './session/session';
import { answerRoute, findRoute, ROUTES } from './web-routes';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security-headers';
import { DEFAULT_ONBOARDING_ORIGIN, type WebConfig } from './web.config';

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
  headers: Readonly<Record<string, string | string[]>>,
  body: string | Buffer,
): void => {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'content-length': String(bytes.length) });
  response.end(request.method === 'HEAD' ? undefined : bytes);
};

/** A 403 for a POST that did not come from our own form (CSRF token or origin wrong). */
const formRefusedPage = (context: PageContext): Html =>
  layout(
    context,
    context.t.t('forbidden.pageTitle'),
    html`<h1>${context.t.t('forbidden.title')}</h1>
      <p>${context.t.t('form.expired')}</p>
      <p><a href="${localHref(context, '/')}">${context.t.t('notFound.back')}</a></p>`,
  );

/** The visitor's address as the API should count it: the chain a proxy in front gave, then whoever called us. */
const forwardedFor = (request: IncomingMessage): string | undefined => {
  const chain = request.headers['x-forwarded-for'];
  const peer = request.socket.remoteAddress;
  return [typeof chain === 'string' ? chain : undefined, peer].filter(Boolean).join(', ') || undefined;
};

/**
 * The web front (ADR 0030): a plain `node:http` server rendering pages from the public API. Paths
 * carry the language (`/fr/…`, `/en/…`); any other path is sent to the language the visitor's
 * `Accept-Language` prefers. POSTs are forms: the CSRF token and the origin are checked before
 * any route runs.
 */
export const createWebServer = (config: WebConfig, logger = new Logger('Web'), routes: readonly Route[] = ROUTES): Server => {
  const api = new ElanApi(config.apiUrl, config.apiTimeoutMs);
  const stylesheet = loadStylesheet();
  const secure = config.publicOrigin?.startsWith('https://') ?? false;
  const names = cookieNames(secure);
  const csrf = new CsrfTokens(config.sessionSecret);
  const cookies: SessionCookies = {
    startSession: (accessToken, expiresIn) => sessionCookie(names, secure, accessToken, expiresIn),
    endSession: () => endSessionCookie(names, secure),
  };

  const answerPage = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const [, prefix = '', ...rest] = url.pathname.split('/');
    if (!isLocale(prefix)) {
      const locale = negotiateLocale(request.headers['accept-language']);
      const location = `/${locale}${url.pathname}${url.search}`;
      return send(request, response, 303, { location, vary: 'Accept-Language', 'cache-control': 'no-store' }, '');
    }
    // `/fr` alone is the catalog, at its canonical `/fr/`.
    if (rest.length === 0) return send(request, response, 301, { location: `/${prefix}/${url.search}` }, '');
    const method = request.method === 'POST' ? 'POST' : 'GET';
    const path = `/${rest.join('/')}`;
    const session = readSession(request.headers.cookie, names, new Date());
    // The browser key is made the first time a page holds a form, and sent with that page.
    let browserKey = session.browserKey;
    let newBrowserKey = false;
    let private_ = session.viewer !== null || method === 'POST';
    const context = pageContext(prefix, path, method === 'GET' ? url.search : '', stylesheet.href, {
      viewer: session.viewer,
      csrf: () => {
        private_ = true;
        if (browserKey === null) {
          browserKey = CsrfTokens.newBrowserKey();
          newBrowserKey = true;
        }
        return csrf.tokenFor(browserKey, session.accessToken);
      },
    });
    const found = findRoute(routes, method, path);
    let answer: WebAnswer;
    if (found === 'not-found') answer = { status: 404, page: notFoundPage(context) };
    else if (found === 'wrong-method') answer = { status: 405, page: notFoundPage(context) };
    else {
      const form = method === 'POST' ? await readForm(request) : new URLSearchParams();
      if (
        method === 'POST' &&
        (!isSameOrigin(request.headers, config.publicOrigin) ||
          !csrf.isValid(form.get('csrf'), session.browserKey, session.accessToken))
      )
        answer = { status: 403, page: formRefusedPage(context) };
      else
        answer = await answerRoute(
          found.route,
          {
            context,
            url,
            params: found.params,
            form,
            api: api.as({ accessToken: session.accessToken, ...withForwardedFor(request) }),
            session,
            logger,
            cookies,
            origin: config.publicOrigin ?? `http://${request.headers.host ?? 'localhost'}`,
            cardStep: config.cardStep ?? { kind: 'none' },
          },
          logger,
        );
    }
    const setCookies = [
      ...(answer.cookies ?? []),
      ...(newBrowserKey && browserKey !== null ? [browserKeyCookie(names, secure, browserKey)] : []),
    ];
    const headers: Record<string, string | string[]> = {
      'cache-control': !private_ && setCookies.length === 0 && answer.status === 200 ? PAGE_CACHE : 'private, no-store',
      vary: 'Cookie',
      ...(setCookies.length > 0 && { 'set-cookie': setCookies }),
    };
    if (isRedirect(answer)) return send(request, response, 303, { ...headers, location: answer.location }, '');
    if (isFile(answer))
      return send(
        request,
        response,
        200,
        {
          ...headers,
          // Exports are personal data: never kept by a shared cache, whoever asked.
          'cache-control': 'private, no-store',
          'content-type': answer.file.contentType,
          'content-disposition': `attachment; filename="${answer.file.filename.replace(/[^\w.-]/g, '_')}"`,
        },
        answer.file.body,
      );
    send(
      request,
      response,
      answer.status,
      {
        ...headers,
        'content-type': 'text/html; charset=utf-8',
        'content-language': context.locale,
        ...(answer.status !== 200 && { 'cache-control': 'private, no-store' }),
        ...(answer.status === 503 && { 'retry-after': '30' }),
        ...(answer.status === 405 && { allow: found === 'wrong-method' ? 'GET, HEAD, POST' : 'GET, HEAD' }),
        ...(answer.formToOnboarding === true && {
          'content-security-policy': CONTENT_SECURITY_POLICY.replace(
            "form-action 'self'",
            `form-action 'self' ${config.onboardingOrigin ?? DEFAULT_ONBOARDING_ORIGIN}`,
          ),
        }),
        ...answer.headers,
      },
      htmlDocument(answer.page),
    );
  };

  const withForwardedFor = (request: IncomingMessage): { forwardedFor?: string } => {
    const address = forwardedFor(request);
    return address === undefined ? {} : { forwardedFor: address };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST')
      return send(
        request,
        response,
        405,
        { allow: 'GET, HEAD, POST', 'content-type': 'text/plain; charset=utf-8' },
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
    const script = cardStepScript();
    if (url.pathname === script.href)
      return send(request, response, 200, { 'content-type': script.contentType, 'cache-control': ASSET_CACHE }, script.body);
    // Files that are not pages get a plain 404, not a redirect to a page in some language.
    if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.ico' || url.pathname === '/robots.txt')
      return send(request, response, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not Found\n');
    return answerPage(request, response, url);
  };

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof FormRefused && !response.headersSent)
        return send(request, response, error.status, { 'content-type': 'text/plain; charset=utf-8' }, `${error.message}\n`);
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
