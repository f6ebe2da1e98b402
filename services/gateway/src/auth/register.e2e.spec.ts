import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { expectProblem } from '@elan/testing';
import { PASSWORD, queryTestDatabase, startTestGateway, testSchema, uniqueEmail } from '../test/test-gateway';

describe('registration', () => {
  const schema = testSchema('register');
  let app: INestApplication;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startTestGateway(schema);
  });
  afterAll(() => app.close());

  describe('POST /api/auth/register', () => {
    it('creates an account with the contributor and holder roles, and never shows the hash', async () => {
      const email = uniqueEmail('register');

      const response = await api().post('/api/auth/register').send({ email, password: PASSWORD, displayName: ' Ada ' });

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/),
        email,
        displayName: 'Ada',
        roles: ['contributor', 'holder'],
        createdAt: expect.any(String),
      });
      expect(response.text).not.toMatch(/argon2|hash|password/i);
    });

    it('stores the password as an argon2id hash', async () => {
      const email = uniqueEmail('hash');
      await api().post('/api/auth/register').send({ email, password: PASSWORD, displayName: 'H' }).expect(201);

      const [row] = await queryTestDatabase<{ password_hash: string }>(
        `SELECT password_hash FROM ${schema}.accounts WHERE email = $1`,
        [email],
      );

      expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    });

    it('answers 409 for an e-mail address already registered, whatever its case', async () => {
      const email = uniqueEmail('taken');
      await api().post('/api/auth/register').send({ email, password: PASSWORD, displayName: 'First' }).expect(201);

      const response = await api()
        .post('/api/auth/register')
        .send({ email: email.toUpperCase(), password: PASSWORD, displayName: 'Second' });

      expectProblem(response, 409, 'email-taken');
    });

    it('answers a 400 problem naming each invalid field', async () => {
      const response = await api()
        .post('/api/auth/register')
        .send({ email: 'not-an-address', password: 'too short', displayName: 'X' });

      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        type: 'urn:elan:problem:validation-failed',
        status: 400,
        detail: 'The request body has invalid fields: email, password.',
        errors: [
          { field: 'email', message: expect.any(String) },
          { field: 'password', message: 'must have at least 12 characters' },
        ],
      });
    });

    it('refuses a password of 12 spaces, or one easy to guess, with a 400 problem naming it and saying why', async () => {
      const email = uniqueEmail('weak');
      const weak = [
        { password: ' '.repeat(12), says: /^is too easy to guess\. Repeated characters like "aaa" are easy to guess\./ },
        { password: 'azertyuiop12', says: /^is too easy to guess\./ },
        { password: 'motdepasse123', says: /less common/ },
        { password: email, says: /personal data/ },
        { password: 'QuenvodelZorbax', says: /personal data/, displayName: 'Zorbax Quenvodel' },
      ];

      for (const { password, says, displayName = 'Weak' } of weak) {
        const response = await api().post('/api/auth/register').send({ email, password, displayName });

        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({
          type: 'urn:elan:problem:validation-failed',
          detail: 'The request body has an invalid field: password.',
          errors: [{ field: 'password', message: expect.stringMatching(says) }],
        });
      }
      await api()
        .post('/api/auth/login')
        .send({ email, password: ' '.repeat(12) })
        .expect(401);
    });

    it('refuses a field it does not know, by name', async () => {
      const response = await api()
        .post('/api/auth/register')
        .send({ email: uniqueEmail('extra'), password: PASSWORD, displayName: 'X', roles: ['admin'] });

      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'roles', message: 'is not a known field' }]);
    });

    it('answers a 400 problem for a password over 200 characters', async () => {
      const response = await api()
        .post('/api/auth/register')
        .send({ email: uniqueEmail('long'), password: 'x'.repeat(201), displayName: 'X' });

      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'password', message: 'must have at most 200 characters' }]);
    });

    it('still answers a malformed JSON body with a 400 problem', async () => {
      const response = await api().post('/api/auth/register').set('Content-Type', 'application/json').send('{"email":');

      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });
});
