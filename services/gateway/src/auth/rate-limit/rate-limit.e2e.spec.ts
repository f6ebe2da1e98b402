import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { expectProblem } from '@elan/testing';
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
    for (let attempt = 0; attempt < 5; attempt += 1) await request(replicaA.getHttpServer()).get('/api/me').expect(401);
  });
});

/** Each test speaks for client addresses of its own (through X-Forwarded-For), so counters never mix. */
describe('rate limits on login: one spelling per address, one budget per client address', () => {
  const schema = testSchema('ratelimit_addr');
  const rateLimits = { login: { limit: 3, windowMs: 60_000 }, loginPerAddress: { limit: 8, windowMs: 60_000 } };
  let app: INestApplication;

  beforeAll(async () => {
    app = await startTestGateway(schema, { auth: { rateLimits }, trustProxy: true });
  });
  afterAll(() => app.close());

  const login = (from: string, email: string, password = 'wrong password') =>
    request(app.getHttpServer()).post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password });

  it('keeps a locked-out address locked out, whatever its spelling, and never logs in another one', async () => {
    const from = '198.51.100.1';
    const suffix = uniqueEmail('alice').replace(/^alice-/, '');
    const email = `sec-alice-${suffix}`;
    await request(app.getHttpServer())
      .post('/api/auth/register')
      .send({ email, password: PASSWORD, displayName: 'Alice' })
      .expect(201);
    for (let attempt = 0; attempt < 3; attempt += 1) await login(from, email).expect(401);
    await login(from, email, PASSWORD).expect(429);

    // Case and compatibility forms (fullwidth letters) name the same address: the same counter.
    await login(from, email.toUpperCase(), PASSWORD).expect(429);
    await login(from, `ｓｅｃ-alice-${suffix}`, PASSWORD).expect(429);
    // The dotted capital I lower-cases to "i̇" in JavaScript but to "i" in PostgreSQL: it used to
    // get a fresh counter and then log in as Alice. It names another address now, with no account.
    const dotted = await login(from, `sec-al\u0130ce-${suffix}`, PASSWORD);

    expect(dotted.status).toBe(401);
    expect(dotted.body.accessToken).toBeUndefined();
  });

  it('answers 429 to a client address trying many accounts, and counts every spelling', async () => {
    const from = '198.51.100.2';
    for (let attempt = 0; attempt < 7; attempt += 1) await login(from, uniqueEmail('stuffed')).expect(401);
    await login(from, `sec-al\u0130ce-${uniqueEmail('x')}`).expect(401);

    const response = await login(from, uniqueEmail('stuffed'));

    expectProblem(response, 429, 'rate-limited');
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    await login('198.51.100.3', uniqueEmail('elsewhere')).expect(401);
  });
});
