import { randomBytes } from 'node:crypto';
import request from 'supertest';

/** What supertest can send requests to: a URL, or an HTTP server (a Nest app's, in-process). */
export type HttpTarget = Parameters<typeof request>[0];

/** Who calls: anyone holding a bearer token (an `Account`, or `{ token }`). */
export interface Caller {
  readonly token: string;
}

/** An account registered and logged in through the API. */
export interface Account extends Caller {
  readonly id: string;
  readonly email: string;
}

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

export interface RequestOptions {
  /** Sent as the `Idempotency-Key` header. */
  readonly idempotencyKey?: string;
}

/** The password of every account the tests register. */
export const PASSWORD = 'correct horse battery staple';

let emailCounter = 0;

/** An e-mail address no other test uses: accounts are never shared between tests. */
export const uniqueEmail = (label: string): string => {
  emailCounter += 1;
  return `${label}-${emailCounter}-${randomBytes(3).toString('hex')}@example.org`;
};

/** An Idempotency-Key no other request uses. */
export const uniqueIdempotencyKey = (label = 'key'): string => `${label}-${randomBytes(8).toString('hex')}`;

/**
 * The public API as a client sees it (supertest against a URL or an in-process server): bearer
 * tokens, Idempotency-Key and the account routes, one way for the gateway's tests and the
 * end-to-end tests. JSON bodies go through supertest's `.send(body)`, as JSON.
 */
export class HttpClient {
  constructor(readonly target: HttpTarget) {}

  get(path: string, caller?: Caller, options?: RequestOptions): request.Test {
    return this.prepared(request(this.target).get(path), caller, options);
  }

  post(path: string, caller?: Caller, options?: RequestOptions): request.Test {
    return this.prepared(request(this.target).post(path), caller, options);
  }

  put(path: string, caller?: Caller, options?: RequestOptions): request.Test {
    return this.prepared(request(this.target).put(path), caller, options);
  }

  patch(path: string, caller?: Caller, options?: RequestOptions): request.Test {
    return this.prepared(request(this.target).patch(path), caller, options);
  }

  delete(path: string, caller?: Caller, options?: RequestOptions): request.Test {
    return this.prepared(request(this.target).delete(path), caller, options);
  }

  /** Registers a new account (a contributor and holder) and logs it in. */
  async register(label: string): Promise<Account> {
    const email = uniqueEmail(label);
    const registered = await this.post('/api/auth/register').send({ email, password: PASSWORD, displayName: label }).expect(201);
    const id = (registered.body as { id: string }).id;
    return { id, email, token: await this.logIn({ email, password: PASSWORD }) };
  }

  /** Logs in; answers the access token. */
  async logIn(credentials: Credentials): Promise<string> {
    const response = await this.post('/api/auth/login').send(credentials).expect(200);
    return (response.body as { accessToken: string }).accessToken;
  }

  /** An existing account (the stack's first admin, say), logged in. */
  async account(credentials: Credentials): Promise<Account> {
    const token = await this.logIn(credentials);
    const me = await this.get('/api/me', { token }).expect(200);
    return { id: (me.body as { id: string }).id, email: credentials.email, token };
  }

  /** A new account that `admin` makes a moderator, the way an admin does it: through the API. */
  async moderator(label: string, admin: Caller): Promise<Account> {
    const account = await this.register(label);
    await this.post(`/api/admin/accounts/${account.id}/roles`, admin)
      .send({ add: ['moderator'] })
      .expect(200);
    return account;
  }

  private prepared(test: request.Test, caller: Caller | undefined, options: RequestOptions = {}): request.Test {
    const authorised = caller ? test.auth(caller.token, { type: 'bearer' }) : test;
    return options.idempotencyKey === undefined ? authorised : authorised.set('Idempotency-Key', options.idempotencyKey);
  }
}
