import type { ReplyOf, getCampaign, listCampaignMessages, listCampaigns } from '@elan/contracts';

/** What the public API answers, by the contracts' types (ADR 0030: the web imports only types). */
export type CatalogPage = ReplyOf<typeof listCampaigns>;
export type CampaignCard = CatalogPage['items'][number];
export type CampaignMessagesPage = ReplyOf<typeof listCampaignMessages>;
/** The campaign page, its plain-language summary ("facile à lire et à comprendre", issue #12) included. */
export type CampaignView = ReplyOf<typeof getCampaign>;

/** The API cannot answer now (down, timing out, failing): the visitor gets a 503 page. */
export class ApiUnavailable extends Error {}
/** The API says the thing does not exist (or is not public): a 404 page. */
export class ApiNotFound extends Error {}
/** The API refused what the web asked: the web's own mistake, logged, a 500 page. */
export class ApiRefused extends Error {}

/** How long a page waits for the API before telling the visitor it is unavailable. */
const DEFAULT_TIMEOUT_MS = 5_000;

/** The catalog's query, as `GET /api/campaigns` takes it. */
export interface CatalogQuery {
  readonly q?: string;
  readonly departement?: string;
  readonly category?: string;
  readonly status?: string;
  readonly sort?: string;
  readonly cursor?: string;
  readonly limit?: number;
}

/**
 * The public REST API of Élan, as the web reads it: the same routes, problems and limits as any
 * client's. Replies are trusted to follow the contracts; they are not parsed again.
 */
export class ElanApi {
  constructor(
    private readonly origin: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  catalog(query: CatalogQuery): Promise<CatalogPage> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
    const search = params.size > 0 ? `?${params}` : '';
    return this.get<CatalogPage>(`/api/campaigns${search}`);
  }

  campaign(campaignId: string): Promise<CampaignView> {
    return this.get<CampaignView>(`/api/campaigns/${encodeURIComponent(campaignId)}`);
  }

  messages(campaignId: string, limit: number): Promise<CampaignMessagesPage> {
    return this.get<CampaignMessagesPage>(`/api/campaigns/${encodeURIComponent(campaignId)}/messages?limit=${limit}`);
  }

  private async get<T>(path: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.origin}${path}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ApiUnavailable(`GET ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.ok) return (await response.json()) as T;
    const problem = await response.text().catch(() => '');
    if (response.status === 404) throw new ApiNotFound(`GET ${path}: 404 ${problem}`);
    if (response.status >= 500 || response.status === 429) throw new ApiUnavailable(`GET ${path}: ${response.status} ${problem}`);
    throw new ApiRefused(`GET ${path}: ${response.status} ${problem}`);
  }
}
