import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Credentials } from './stack';

/** The password of every account the tests register. */
export const PASSWORD = 'correct horse battery staple';

/** An account registered and logged in through the API. */
export interface Account {
  readonly id: string;
  readonly email: string;
  readonly token: string;
}

/** A fresh e-mail address: accounts are never shared between tests. */
export const uniqueEmail = (label: string): string => `${label}-${randomBytes(4).toString('hex')}@example.org`;

/**
 * The public API of a running stack, as a client sees it (supertest against its URL): the
 * tests speak HTTP only, never to a service directly.
 */
export class Api {
  constructor(readonly url: string) {}

  /** A request, anonymous or with the bearer token of `caller`. */
  get(path: string, caller?: Account): request.Test {
    return this.authorised(request(this.url).get(path), caller);
  }

  post(path: string, caller?: Account): request.Test {
    return this.authorised(request(this.url).post(path), caller);
  }

  patch(path: string, caller?: Account): request.Test {
    return this.authorised(request(this.url).patch(path), caller);
  }

  delete(path: string, caller?: Account): request.Test {
    return this.authorised(request(this.url).delete(path), caller);
  }

  /** Registers a new account (a contributor and holder) and logs it in. */
  async register(label: string): Promise<Account> {
    const email = uniqueEmail(label);
    const registered = await this.post('/api/auth/register').send({ email, password: PASSWORD, displayName: label }).expect(201);
    const id = (registered.body as { id: string }).id;
    return { id, email, token: await this.logIn({ email, password: PASSWORD }) };
  }

  async logIn(credentials: Credentials): Promise<string> {
    const response = await this.post('/api/auth/login').send(credentials).expect(200);
    return (response.body as { accessToken: string }).accessToken;
  }

  /** The stack's first admin, logged in. */
  async admin(credentials: Credentials): Promise<Account> {
    const token = await this.logIn(credentials);
    const me = await this.get('/api/me').auth(token, { type: 'bearer' }).expect(200);
    return { id: (me.body as { id: string }).id, email: credentials.email, token };
  }

  /** A new account that `admin` makes a moderator, the way an admin does it: through the API. */
  async moderator(label: string, admin: Account): Promise<Account> {
    const account = await this.register(label);
    await this.post(`/api/admin/accounts/${account.id}/roles`, admin).send({ add: ['moderator'] }).expect(200);
    return account;
  }

  private authorised(test: request.Test, caller: Account | undefined): request.Test {
    return caller ? test.auth(caller.token, { type: 'bearer' }) : test;
  }
}
