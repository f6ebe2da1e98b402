import { randomUUID } from 'node:crypto';
import { elanMetrics, secondsSince, withCorrelation } from '@elan/observability';
import type { HttpRequest, HttpResponse, NextFunction } from '../common/http-exchange';

/** What Express sets once a route matched: its template, e.g. `/api/campaigns/:id`. */
interface RoutedRequest extends HttpRequest {
  readonly route?: { readonly path?: unknown };
  readonly baseUrl?: string;
}

/** A caller's request id is kept when it is a short token; anything else gets a fresh one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The first middleware of the gateway: gives every request an id (`X-Request-Id`, the caller's
 * when well-formed, echoed in the answer) that every log line of its handling carries, and times
 * it into `elan_http_request_duration_seconds` by method, route template and status once
 * answered. Requests that match no route (refused at the edge, 404) share `route="unmatched"`:
 * a path is never a label, so a scan of random URLs cannot blow up the series.
 */
export function httpMetrics() {
  return (request: HttpRequest, response: HttpResponse, next: NextFunction): void => {
    const startedAt = performance.now();
    const given = request.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    response.setHeader('X-Request-Id', requestId);
    response.once('finish', () => {
      const routed = request as RoutedRequest;
      const template = typeof routed.route?.path === 'string' ? `${routed.baseUrl ?? ''}${routed.route.path}` : 'unmatched';
      elanMetrics.httpRequestDuration.observe(
        { method: request.method ?? 'GET', route: template, status: String(response.statusCode) },
        secondsSince(startedAt),
      );
    });
    withCorrelation(requestId, next);
  };
}
