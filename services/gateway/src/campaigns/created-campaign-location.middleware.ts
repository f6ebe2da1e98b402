import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { HttpRequest, HttpResponse } from '../common/http-exchange';

/** Express's `res.json`, the one reply path Nest takes for an object body. */
interface JsonResponse extends HttpResponse {
  json(body: unknown): unknown;
}

const createdCampaignId = (body: unknown): string | undefined => {
  if (typeof body !== 'object' || body === null) return undefined;
  const { campaignId } = body as { campaignId?: unknown };
  return typeof campaignId === 'string' ? campaignId : undefined;
};

/**
 * `Location: /api/campaigns/{id}` on the 201 of `POST /api/campaigns`. A middleware rather than
 * the handler or an interceptor: an `Idempotency-Key` replay is answered by the global
 * interceptor before any route code runs, with the first status and body only, and a client
 * that retried must get the same `Location` as the first answer. So the header is derived from
 * the body on its way out, whichever path produced it.
 */
@Injectable()
export class CreatedCampaignLocation implements NestMiddleware<HttpRequest, JsonResponse> {
  use(request: HttpRequest, response: JsonResponse, next: () => void): void {
    const json = response.json.bind(response);
    const collection = (request.originalUrl.split('?')[0] ?? '').replace(/\/+$/, '');
    response.json = (body: unknown): unknown => {
      const campaignId = createdCampaignId(body);
      if (response.statusCode === 201 && campaignId !== undefined)
        response.setHeader('Location', `${collection}/${encodeURIComponent(campaignId)}`);
      return json(body);
    };
    next();
  }
}
