import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import { getAccountRecipient } from '@elan/contracts';
import { RequestClient } from '@elan/messaging';
import {
  expectProblem,
  HttpClient,
  PASSWORD,
  spawnNatsServer,
  uniqueEmail,
  waitUntil,
  type SpawnedNatsServer,
} from '@elan/testing';
import { startTestGateway, testSchema } from '../test/test-gateway';

/**
 * The language of an account's mails (ADR 0031, issue #12 part 2): chosen at registration or with
 * `PATCH /api/me`, French otherwise, and answered to the notification service by GetAccountRecipient.
 */
describe('the language of an account’s mails', () => {
  const schema = testSchema('languages');
  let nats: SpawnedNatsServer;
  let nc: NatsConnection;
  let app: INestApplication;
  let api: HttpClient;
  let requests: RequestClient;

  beforeAll(async () => {
    nats = await spawnNatsServer({
      storeDir: join(tmpdir(), `elan-${schema}-${randomBytes(3).toString('hex')}`),
      keepData: false,
      startTimeoutMs: 15_000,
    });
    app = await startTestGateway(schema, { natsUrl: nats.url });
    api = new HttpClient(app.getHttpServer());
    nc = await connect({ servers: nats.url });
    requests = new RequestClient({ connection: () => nc, timeoutMs: 5_000 });
  });
  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await nats?.stop();
  });

  const languageOf = (accountId: string) =>
    waitUntil(
      () =>
        requests
          .request(getAccountRecipient, { accountId })
          .then((reply) => (reply.status === 'found' ? reply.language : undefined))
          .catch(() => undefined),
      { timeoutMs: 10_000, description: 'the gateway answering GetAccountRecipient' },
    );

  it('is the one chosen at registration, French when none was, and changes with PATCH /api/me', async () => {
    const email = uniqueEmail('english');
    const registered = await api
      .post('/api/auth/register')
      .send({ email, password: PASSWORD, displayName: 'Sam Hale', language: 'en' })
      .expect(201);
    const english = await api.logIn({ email, password: PASSWORD });
    expect(await languageOf((registered.body as { id: string }).id)).toBe('en');

    const french = await api.register('french');
    expect(await languageOf(french.id)).toBe('fr');
    const changed = await api.patch('/api/me', french).send({ language: 'en' }).expect(200);
    expect(changed.body).toEqual({ language: 'en' });
    expect(await languageOf(french.id)).toBe('en');
    await api.patch('/api/me', { token: english }).send({ language: 'fr' }).expect(200);
    expect(await languageOf((registered.body as { id: string }).id)).toBe('fr');
  });

  it('refuses a language Élan does not write in, another field, or no account, and changes nothing', async () => {
    const account = await api.register('strict');
    await api.patch('/api/me', account).send({ language: 'en' }).expect(200);
    expectProblem(await api.patch('/api/me', account).send({ language: 'de' }), 400, 'validation-failed');
    expectProblem(await api.patch('/api/me', account).send({ language: 'fr', displayName: 'x' }), 400, 'validation-failed');
    expectProblem(await api.patch('/api/me').send({ language: 'fr' }), 401, 'unauthenticated');
    expect(await languageOf(account.id)).toBe('en');
    const refused = await api
      .post('/api/auth/register')
      .send({ email: uniqueEmail('german'), password: PASSWORD, displayName: 'Kim', language: 'de' });
    expectProblem(refused, 400, 'validation-failed');
  });
});
