import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PASSWORD, startTestGateway, testSchema, uniqueEmail } from '../../test/test-gateway';

/** Two replicas of the gateway on one schema: counters live in PostgreSQL, so they add up. */
describe('rate limits on authentication', () => {
  const schema = testSchema('ratelimit');
  const rateLimits = { login: { limit: 3, windowMs: 60_000 }, register: { limit: 2, windowMs: 60_000 } };
  let replicaA: INestApplication;
  let replicaB: INestApplication;

  beforeAll(async () => {
    replicaA = await startTestGateway(schema, { auth: { rateLimits } });
    replicaB = await startTestGateway(schema, { auth: { rateLimits } });
  });
  afterAll(async () => {
    await replicaA.close();
    await replicaB.close();
  });

  const login = (app: INestApplication, email: string) =>
    request(app.getHttpServer()).post('/api/auth/login').send({ email, password: 'wrong password' });

  it('answers a 429 problem with Retry-After past the login limit, counted across replicas', async () => {
    const email = uniqueEmail('victim');
    await login(replicaA, email).expect(401);
    await login(replicaB, email).expect(401);
    await login(replicaA, email).expect(401);

    const response = await login(replicaB, email);

    expect(response.status).toBe(429);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(response.body).toMatchObject({ type: 'urn:elan:problem:rate-limited', status: 429, retryAfter });
  });

  it('counts login attempts per e-mail address: another address is not blocked', async () => {
    const blocked = uniqueEmail('blocked');
    for (let attempt = 0; attempt < 3; attempt += 1) await login(replicaA, blocked).expect(401);
    await login(replicaA, blocked).expect(429);

    await login(replicaA, uniqueEmail('other')).expect(401);
  });

  it('answers a 429 problem past the registration limit of a client address', async () => {
    const register = (app: INestApplication) =>
      request(app.getHttpServer())
        .post('/api/auth/register')
        .send({ email: uniqueEmail('many'), password: PASSWORD, displayName: 'Many' });
    await register(replicaA).expect(201);
    await register(replicaB).expect(201);

    const response = await register(replicaA);

    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(response.body).toMatchObject({ type: 'urn:elan:problem:rate-limited' });
  });

  it('leaves routes without a limit alone', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1)
      await request(replicaA.getHttpServer()).get('/api/me').expect(401);
  });
});
