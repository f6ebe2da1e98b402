import type { ReplyOf, getCampaign, listCampaignMessages, listCampaigns } from '@elan/contracts';

/** What the public API answers, by the contracts' types (ADR 0030: the web imports only types). */
export type CatalogPage = ReplyOf<typeof listCampaigns>;
export type CampaignCard = CatalogPage['items'][number];
export type CampaignMessagesPage = ReplyOf<typeof listCampaignMessages>;
/** The campaign page, its plain-language summary ("facile à lire et à comprendre", issue #12) included. */
export type CampaignView = ReplyOf<typeof getCampaign>;

/** One field the API refused, as its 400 problem's `errors` lists them. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** An RFC 7807 problem as the API answers it, with Élan's `errors` extension. */
export interface Problem {
  readonly status: number;
  readonly type?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly errors?: readonly FieldProblem[];
}

/** Any answer of the API that is not a success, with the problem it gave. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    where: string,
  ) {
    super(`${where}: ${status} ${problem.title ?? ''} ${problem.detail ?? ''}`.trim());
  }
}
/** The API cannot answer now (down, timing out, failing): the visitor gets a 503 page. */
export class ApiUnavailable extends Error {}
/** The API says the thing does not exist (or is not public): a 404 page. */
export class ApiNotFound extends ApiProblem {}
/** The API refused what was asked (400, 409, 422…): a form shows it again with the problem. */
export class ApiRefused extends ApiProblem {}
/** The access token is missing, expired or revoked (401): log in again. */
export class ApiUnauthenticated extends ApiProblem {}
/** The caller may not do this (403). */
export class ApiForbidden extends ApiProblem {}

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

/** Who the web calls the API for: the visitor's access token, a guest's private-link token, or nobody. */
export interface Caller {
  readonly accessToken?: string | null;
  readonly guestToken?: string;
  /**
   * The visitor's address as `X-Forwarded-For`, so the API's rate limits count per visitor, not
   * per web front (the gateway trusts it when its TRUST_PROXY names the web's network).
   */
  readonly forwardedFor?: string;
}

export interface ApiCall {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body?: unknown;
  /** Sent as `Idempotency-Key`: a form resubmitted (double click, back and retry) does it once. */
  readonly idempotencyKey?: string;
  /** `json` (default) or `text` (a CSV export, a receipt page). */
  readonly as?: 'json' | 'text';
}

const problemOf = async (response: Response): Promise<Problem> => {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as Partial<Problem>;
    return { ...parsed, status: response.status };
  } catch {
    return { status: response.status, detail: text.slice(0, 500) };
  }
};

/**
 * The public REST API of Élan, as the web reads it: the same routes, problems and limits as any
 * client's, with the visitor's own token. Replies are trusted to follow the contracts; they are
 * not parsed again.
 */
export class ElanApi {
  constructor(
    private readonly origin: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
    private readonly caller: Caller = {},
  ) {}

  /** The same API, called for someone: their token goes with every call. */
  as(caller: Caller): ElanApi {
    return new ElanApi(this.origin, this.timeoutMs, { ...this.caller, ...caller });
  }

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

  get<T>(path: string): Promise<T> {
    return this.call<T>({ method: 'GET', path });
  }

  post<T>(path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    return this.call<T>({ method: 'POST', path, body, ...(idempotencyKey !== undefined && { idempotencyKey }) });
  }

  /** One call; a 2xx answer's JSON (or text), any other answer as the `ApiProblem` it is. */
  async call<T>(call: ApiCall): Promise<T> {
    const where = `${call.method} ${call.path}`;
    const headers: Record<string, string> = { accept: call.as === 'text' ? '*/*' : 'application/json' };
    if (this.caller.accessToken) headers.authorization = `Bearer ${this.caller.accessToken}`;
    if (this.caller.guestToken) headers['x-guest-token'] = this.caller.guestToken;
    if (this.caller.forwardedFor) headers['x-forwarded-for'] = this.caller.forwardedFor;
    if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.origin}${call.path}`, {
        method: call.method,
        headers,
        ...(call.body !== undefined && { body: JSON.stringify(call.body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ApiUnavailable(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.ok) {
      if (response.status === 204) return undefined as T;
      return (call.as === 'text' ? await response.text() : await response.json()) as T;
    }
    const problem = await problemOf(response);
    if (response.status === 404) throw new ApiNotFound(404, problem, where);
    if (response.status === 401) throw new ApiUnauthenticated(401, problem, where);
    if (response.status === 403) throw new ApiForbidden(403, problem, where);
    if (response.status >= 500 || response.status === 429)
      throw new ApiUnavailable(`${where}: ${problem.status} ${problem.detail ?? ''}`);
    throw new ApiRefused(response.status, problem, where);
  }
}
