import { expectProblem, uniqueIdempotencyKey, waitUntil } from '@elan/testing';
import { startEffectsGateway, type EffectsGateway } from '../test/effects-gateway';
import { registerAndLogin } from '../test/test-gateway';

describe('Idempotency-Key under concurrency', () => {
  let gateway: EffectsGateway;
  const api = () => gateway.api;
  const key = () => uniqueIdempotencyKey();

  beforeAll(async () => {
    gateway = await startEffectsGateway('idemconc');
  });
  afterAll(() => gateway?.close());

  it('answers 409 while the first request with the key is in progress, then replays its answer', async () => {
    const idempotencyKey = key();
    const first = api().post('/api/test-idempotency/held').set('Idempotency-Key', idempotencyKey).send({ n: 1 });
    const firstDone = first.then((response) => response);
    await waitUntil(() => gateway.effects.entered === 1, { timeoutMs: 5_000, description: 'the first request is running' });

    const concurrent = await api().post('/api/test-idempotency/held').set('Idempotency-Key', idempotencyKey).send({ n: 1 });

    expectProblem(concurrent, 409, 'idempotency-key-in-use');
    expect(concurrent.headers['retry-after']).toBe('1');
    gateway.effects.release();
    const answered = await firstDone;
    expect(answered.status).toBe(202);
    const replayed = await api().post('/api/test-idempotency/held').set('Idempotency-Key', idempotencyKey).send({ n: 1 });
    expect(replayed.status).toBe(202);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual({ echoed: { n: 1 }, count: 1 });
    expect(gateway.effects.entered).toBe(1);
  });

  it('runs exactly one of many concurrent requests with the same key', async () => {
    const { token } = await registerAndLogin(gateway.app, 'concurrent');
    const idempotencyKey = key();
    const before = gateway.effects.counted;

    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        api().post('/api/test-idempotency/count').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', idempotencyKey),
      ),
    );

    expect(gateway.effects.counted - before).toBe(1);
    const ran = responses.filter((response) => response.status === 201 && !response.headers['idempotent-replayed']);
    expect(ran).toHaveLength(1);
    for (const response of responses) expect([201, 409]).toContain(response.status);
  });

  it('scopes keys to the account: the same key from two accounts runs twice', async () => {
    const alice = await registerAndLogin(gateway.app, 'alice');
    const bob = await registerAndLogin(gateway.app, 'bob');
    const idempotencyKey = key();
    const before = gateway.effects.counted;
    const count = (token: string) =>
      api().post('/api/test-idempotency/count').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', idempotencyKey);

    await count(alice.token).expect(201);
    const forBob = await count(bob.token).expect(201);
    const forAliceAgain = await count(alice.token).expect(201);

    expect(gateway.effects.counted - before).toBe(2);
    expect(forBob.headers['idempotent-replayed']).toBeUndefined();
    expect(forAliceAgain.headers['idempotent-replayed']).toBe('true');
  });
});
