import { performance } from 'node:perf_hooks';
import type { INestApplication } from '@nestjs/common';
import { decodeJwt, SignJWT } from 'jose';
import request from 'supertest';
import { expectProblem } from '@elan/testing';
import { PASSWORD, registerAndLogin, startTestGateway, testSchema, uniqueEmail } from '../test/test-gateway';

describe('login, access tokens and logout', () => {
  const schema = testSchema('login');
  let app: INestApplication;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startTestGateway(schema);
  });
  afterAll(() => app.close());

  describe('POST /api/auth/login', () => {
    it('gives a short-lived bearer token whose claims name the account, its roles and a token id', async () => {
      const email = uniqueEmail('login');
      const registered = await api().post('/api/auth/register').send({ email, password: PASSWORD, displayName: 'L' });

      const response = await api().post('/api/auth/login').send({ email: email.toUpperCase(), password: PASSWORD });

      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
      const claims = decodeJwt(response.body.accessToken);
      expect(claims).toMatchObject({ sub: registered.body.id, roles: ['contributor', 'holder'], jti: expect.any(String) });
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(900);
    });

    it('gives the same 401 problem for a wrong password and for an unknown address', async () => {
      const email = uniqueEmail('wrong');
      await api().post('/api/auth/register').send({ email, password: PASSWORD, displayName: 'W' }).expect(201);

      const wrongPassword = await api().post('/api/auth/login').send({ email, password: 'not the password' });
      const unknownEmail = await api()
        .post('/api/auth/login')
        .send({ email: uniqueEmail('nobody'), password: PASSWORD });

      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(unknownEmail.status).toBe(401);
      expect(unknownEmail.body).toEqual(wrongPassword.body);
      expect(wrongPassword.body).toEqual({
        type: 'urn:elan:problem:invalid-credentials',
        title: 'Invalid credentials',
        status: 401,
        detail: 'The e-mail address or the password is wrong.',
        instance: '/api/auth/login',
      });
    });

    it('takes as long for an unknown address as for a wrong password (argon2 runs either way)', async () => {
      const email = uniqueEmail('timing');
      await api().post('/api/auth/register').send({ email, password: PASSWORD, displayName: 'T' }).expect(201);
      const median = async (body: object): Promise<number> => {
        const times: number[] = [];
        for (let i = 0; i < 5; i += 1) {
          const started = performance.now();
          await api().post('/api/auth/login').send(body).expect(401);
          times.push(performance.now() - started);
        }
        return times.sort((a, b) => a - b)[2] ?? 0;
      };

      const wrongPassword = await median({ email, password: 'not the password' });
      const unknownEmail = await median({ email: uniqueEmail('nobody'), password: 'not the password' });

      // Without the dummy verification an unknown address answers in a database round trip,
      // an order of magnitude faster than an argon2 verification.
      expect(unknownEmail).toBeGreaterThan(wrongPassword / 2);
    });

    it('ignores a stale token: logging in again must always be possible', async () => {
      const { email } = await registerAndLogin(app, 'stale');

      await api()
        .post('/api/auth/login')
        .set('Authorization', 'Bearer not.a.token')
        .send({ email, password: PASSWORD })
        .expect(200);
    });
  });

  describe('GET /api/me and POST /api/auth/logout', () => {
    it('shows the account of the token, with its roles', async () => {
      const { id, email, token } = await registerAndLogin(app, 'me');

      const response = await api().get('/api/me').set('Authorization', `Bearer ${token}`);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        id,
        email,
        displayName: 'me',
        roles: ['contributor', 'holder'],
        createdAt: expect.any(String),
      });
      // The scheme name is case-insensitive (RFC 6750 / RFC 9110).
      await api().get('/api/me').set('Authorization', `bearer ${token}`).expect(200);
    });

    it('answers 401 with WWW-Authenticate to an anonymous caller', async () => {
      const response = await api().get('/api/me');

      expectProblem(response, 401, 'unauthenticated');
      expect(response.headers['www-authenticate']).toBe('Bearer');
    });

    it('refuses a token signed with another key', async () => {
      const { id } = await registerAndLogin(app, 'forged');
      const forged = await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(id)
        .setJti('0190a0d2-7a5b-7c3e-8f00-000000000001')
        .setIssuer('urn:elan:gateway')
        .setAudience('urn:elan:api')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('a-key-that-is-not-the-gateways-secret-at-all'));

      const response = await api().get('/api/me').set('Authorization', `Bearer ${forged}`);

      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    });

    it('revokes the token at logout: it is refused from then on, other tokens are not', async () => {
      const { email, token } = await registerAndLogin(app, 'logout');
      const other = await api().post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);

      await api().post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);

      await api().get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
      await api().post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(401);
      await api().get('/api/me').set('Authorization', `Bearer ${other.body.accessToken}`).expect(200);
    });

    it('answers logout without a token with 401', async () => {
      await api().post('/api/auth/logout').expect(401);
    });
  });
});
