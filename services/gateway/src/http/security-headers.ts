import helmet from 'helmet';
import type { HttpRequest, HttpResponse, NextFunction } from '../common/http-exchange';

/**
 * The API answers JSON to programs: nothing it sends may run, load or be framed.
 */
const API_POLICY = { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] };

/**
 * Swagger UI (`/api/docs`): its scripts and styles are files served beside the page, its icons
 * `data:` URIs in the stylesheet, and it fetches the document and tries routes on this origin.
 * Inline styles are allowed (the page template has `<style>` blocks and `style` attributes);
 * scripts are not — the page has none inline.
 */
const DOCS_POLICY = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** One year: what HSTS preload lists expect. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * helmet's headers (no `X-Powered-By`, `X-Content-Type-Options: nosniff`, `Referrer-Policy:
 * no-referrer`, cross-origin policies) with a content security policy per kind of page.
 * `Strict-Transport-Security` only on a request that came over HTTPS (`request.secure`, which
 * believes `X-Forwarded-Proto` only from a proxy `TRUST_PROXY` trusts): a gateway reached over
 * plain HTTP on a developer's machine must not pin `localhost` to HTTPS for a year.
 */
export function securityHeaders() {
  const common = { strictTransportSecurity: false } as const;
  const api = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: API_POLICY } });
  const docs = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: DOCS_POLICY } });
  return (request: HttpRequest, response: HttpResponse, next: NextFunction): void => {
    if (request.secure === true) response.setHeader('Strict-Transport-Security', HSTS);
    const headers = isDocsPage(request.originalUrl) ? docs : api;
    headers(request, response, next);
  };
}

const isDocsPage = (url: string): boolean => {
  const path = url.split('?', 1)[0] ?? '';
  return path === '/api/docs' || path.startsWith('/api/docs/');
};
