import { expectProblem, PASSWORD, uniqueEmail, uniqueIdempotencyKey } from '@elan/testing';
import request from 'supertest';
import { startEffectsGateway, type EffectsGateway } from '../test/effects-gateway';
import { queryTestDatabase, registerAndLogin, startTestGateway } from '../test/test-gateway';

describe('Idempotency-Key on POST: replays', () => {
  let gateway: EffectsGateway;
  const api = () => gateway.api;
  const key = () => uniqueIdempotencyKey();

  beforeAll(async () => {
    gateway = await startEffectsGateway('idempotency');
  });
  afterAll(() => gateway?.close());

  it('replays the first answer to the same key and body, once only executed', async () => {
    const idempotencyKey = key();
    const body = { email: uniqueEmail('replay'), password: PASSWORD, displayName: 'Replay' };

    const first = await api().post('/api/auth/register').set('Idempotency-Key', idempotencyKey).send(body);
    const again = await api().post('/api/auth/register').set('Idempotency-Key', idempotencyKey).send(body);

    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
    const rows = await queryTestDatabase(`SELECT id FROM ${gateway.schema}.accounts WHERE email = $1`, [body.email]);
    expect(rows).toHaveLength(1);
  });

  it('answers 422 to the same key with another body', async () => {
    const idempotencyKey = key();
    const email = uniqueEmail('other-body');
    await api()
      .post('/api/auth/register')
      .set('Idempotency-Key', idempotencyKey)
      .send({ email, password: PASSWORD, displayName: 'One' })
      .expect(201);

    const response = await api()
      .post('/api/auth/register')
      .set('Idempotency-Key', idempotencyKey)
      .send({ email, password: PASSWORD, displayName: 'Two' });

    expectProblem(response, 422, 'idempotency-key-reused');
  });

  it('keeps nothing when the request fails, so a corrected retry with the same key runs', async () => {
    const idempotencyKey = key();
    const email = uniqueEmail('retry');

    await api()
      .post('/api/auth/register')
      .set('Idempotency-Key', idempotencyKey)
      .send({ email, password: 'short', displayName: 'R' })
      .expect(400);
    const retried = await api()
      .post('/api/auth/register')
      .set('Idempotency-Key', idempotencyKey)
      .send({ email, password: PASSWORD, displayName: 'R' });

    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('replays a 204 answer without a body', async () => {
    const idempotencyKey = key();
    const before = gateway.effects.counted;
    const silent = () => api().post('/api/test-idempotency/silent').set('Idempotency-Key', idempotencyKey);

    await silent().expect(204);
    const replayed = await silent();

    expect(replayed.status).toBe(204);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.text).toBe('');
    expect(gateway.effects.counted - before).toBe(1);
  });

  it('replays on another replica: the records live in PostgreSQL', async () => {
    const replica = await startTestGateway(gateway.schema);
    try {
      const idempotencyKey = key();
      const body = { email: uniqueEmail('replica'), password: PASSWORD, displayName: 'Replica' };
      const first = await api().post('/api/auth/register').set('Idempotency-Key', idempotencyKey).send(body).expect(201);

      const elsewhere = await request(replica.getHttpServer())
        .post('/api/auth/register')
        .set('Idempotency-Key', idempotencyKey)
        .send(body);

      expect(elsewhere.status).toBe(201);
      expect(elsewhere.headers['idempotent-replayed']).toBe('true');
      expect(elsewhere.body).toEqual(first.body);
    } finally {
      await replica.close();
    }
  });

  it('keeps a key 24 hours, after which it may be used for another request', async () => {
    const idempotencyKey = key();
    const email = uniqueEmail('expiry');
    await api()
      .post('/api/auth/register')
      .set('Idempotency-Key', idempotencyKey)
      .send({ email, password: PASSWORD, displayName: 'E' })
      .expect(201);
    const [kept] = await queryTestDatabase<{ hours: number }>(
      `SELECT round(extract(epoch FROM expires_at - now()) / 3600)::int AS hours
         FROM ${gateway.schema}.idempotency_records WHERE key = $1`,
      [idempotencyKey],
    );
    expect(kept?.hours).toBe(24);

    await queryTestDatabase(
      `UPDATE ${gateway.schema}.idempotency_records SET expires_at = now() - interval '1 second' WHERE key = $1`,
      [idempotencyKey],
    );
    const reused = await api()
      .post('/api/auth/register')
      .set('Idempotency-Key', idempotencyKey)
      .send({ email: uniqueEmail('expiry-2'), password: PASSWORD, displayName: 'E2' });

    expect(reused.status).toBe(201);
    expect(reused.headers['idempotent-replayed']).toBeUndefined();
  });

  it('answers a 400 problem naming the header for a malformed key', async () => {
    for (const malformed of ['has spaces', 'x'.repeat(256), 'accentué']) {
      const response = await api()
        .post('/api/auth/register')
        .set('Idempotency-Key', malformed)
        .send({ email: uniqueEmail('badkey'), password: PASSWORD, displayName: 'K' });

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        type: 'urn:elan:problem:validation-failed',
        errors: [{ field: 'Idempotency-Key', message: expect.any(String) }],
      });
    }
  });

  it('runs every request that has no key', async () => {
    const { token } = await registerAndLogin(gateway.app, 'nokey');
    const before = gateway.effects.counted;

    await api().post('/api/test-idempotency/count').set('Authorization', `Bearer ${token}`).expect(201);
    await api().post('/api/test-idempotency/count').set('Authorization', `Bearer ${token}`).expect(201);

    expect(gateway.effects.counted - before).toBe(2);
  });
});
