import type { ReplyOf, listHolderCampaigns } from '@elan/contracts';

/** Waits for a rate limit's Retry-After at most this many times per request. */
const RATE_LIMIT_RETRIES = 3;

export type HolderCampaign = ReplyOf<typeof listHolderCampaigns>['items'][number];

/** A demo account: a holder of demo campaigns, or a contributor. */
export interface DemoAccount {
  readonly email: string;
  readonly displayName: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    what: string,
    body: unknown,
  ) {
    const detail = typeof body === 'object' && body !== null && 'detail' in body ? String(body.detail) : JSON.stringify(body);
    super(`${what} answered ${status}: ${detail}`);
  }
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** More headers: Idempotency-Key, X-Guest-Token. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The public API of a running Élan, spoken with fetch. */
export class Client {
  constructor(readonly url: string) {}

  async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${this.url}${path}`, {
        method,
        headers: {
          ...(options.body !== undefined && { 'Content-Type': 'application/json' }),
          ...(options.token && { Authorization: `Bearer ${options.token}` }),
          ...options.headers,
        },
        ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      });
      const text = await response.text();
      const body: unknown = text === '' ? undefined : JSON.parse(text);
      // Authentication is rate-limited: wait as told rather than fail a second run.
      const retryAfter = Number(response.headers.get('retry-after'));
      if (response.status === 429 && attempt < RATE_LIMIT_RETRIES && retryAfter > 0) {
        console.log(`  rate-limited on ${path}: waiting ${retryAfter} s`);
        await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
        continue;
      }
      if (!response.ok) throw new ApiError(response.status, `${method} ${path}`, body);
      return body as T;
    }
  }

  async logIn(email: string, password: string): Promise<string> {
    const { accessToken } = await this.call<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password } });
    return accessToken;
  }

  /** Logs a demo account in, registering it the first time. */
  async demoSession(account: DemoAccount, password: string): Promise<string> {
    try {
      return await this.logIn(account.email, password);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      await this.call('POST', '/api/auth/register', {
        body: { email: account.email, password, displayName: account.displayName },
      });
      return this.logIn(account.email, password);
    }
  }

  async campaignsOf(token: string): Promise<HolderCampaign[]> {
    const cards: HolderCampaign[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await this.call<ReplyOf<typeof listHolderCampaigns>>('GET', `/api/me/campaigns?limit=50${query}`, { token });
      cards.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return cards;
  }
}
