import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Post, type INestApplication, type INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { createCampaign, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest, requestReplyTransport } from '@elan/messaging';
import { spawnNatsServer, type SpawnedNatsServer } from '@elan/testing';
import { PASSWORD, queryTestDatabase, startTestGateway, testSchema, uniqueEmail } from '../test/test-gateway';

/** A stand-in for the campaign service, on a NATS server of this test's own. */
@Controller()
class CampaignServiceStandIn {
  @HandlesRequest(createCampaign)
  async create(command: RequestOf<typeof createCampaign>): Promise<ReplyOf<typeof createCampaign>> {
    return { campaignId: command.campaignId, status: 'draft', version: 1 };
  }
}

/** A route that forgot `@NeverReplayed()` although its answer holds a token. */
@Controller('test-idempotency-secrets')
class ForgetfulTokenRoute {
  issued = 0;

  @Post('token')
  token(): { accessToken: string } {
    this.issued += 1;
    return { accessToken: `token-${this.issued}` };
  }
}

const sha256 = (text: string, encoding: 'hex' | 'base64' | 'base64url') => createHash('sha256').update(text).digest(encoding);

/** The canonical JSON the fingerprints were once an unkeyed SHA-256 of. */
const canonical = (value: Record<string, string>): string =>
  `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(value[key])}`)
    .join(',')}}`;

describe('Idempotency-Key records hold no secret', () => {
  const schema = testSchema('idemsecrets');
  let nats: SpawnedNatsServer;
  let campaignService: INestMicroservice;
  let app: INestApplication;
  const api = () => request(app.getHttpServer());
  const key = () => `key-${uniqueEmail('k')}`;
  const records = () =>
    queryTestDatabase<{ scope: string; key: string; fingerprint: string; text: string }>(
      `SELECT scope, key, fingerprint, row_to_json(r)::text AS text FROM ${schema}.idempotency_records r`,
    );

  beforeAll(async () => {
    nats = await spawnNatsServer({ storeDir: join(tmpdir(), `elan-${schema}`), keepData: false, startTimeoutMs: 10_000 });
    const testing = await Test.createTestingModule({ controllers: [CampaignServiceStandIn] }).compile();
    campaignService = testing.createNestMicroservice({
      ...requestReplyTransport({ service: 'campaign', servers: nats.url, shutdownGraceMs: 0 }),
      logger: false,
    });
    await campaignService.listen();
    // Nothing else answers on this server: the campaign POST reaches the stand-in only.
    app = await startTestGateway(schema, { natsUrl: nats.url, controllers: [ForgetfulTokenRoute] });
  });
  afterAll(async () => {
    await app.close();
    await campaignService.close();
    await nats.stop();
  });

  it('keeps neither a password derivative, nor an unkeyed hash of a body, nor a token', async () => {
    const email = uniqueEmail('secrets');
    const registration = { email, password: PASSWORD, displayName: 'Secrets' };
    await api().post('/api/auth/register').set('Idempotency-Key', key()).send(registration).expect(201);
    const loginKey = key();
    const login = await api()
      .post('/api/auth/login')
      .set('Idempotency-Key', loginKey)
      .send({ email, password: PASSWORD })
      .expect(200);
    const token: string = login.body.accessToken;
    const campaignKey = key();
    const created = await api()
      .post('/api/campaigns')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', campaignKey)
      .send({ title: 'Un four à pain', category: 'food', fundingModel: 'all_or_nothing', location: { departement: '62' } });
    expect(created.status).toBe(201);

    const rows = await records();

    // Register and the campaign are kept (their answers hold no secret); the login is not.
    expect(rows.map((row) => row.scope).sort()).toEqual([`account:${decodeJwt(token).sub}`, 'anonymous']);
    expect(rows.some((row) => row.key === loginKey)).toBe(false);
    const secrets = [
      PASSWORD,
      token,
      'accessToken',
      sha256(PASSWORD, 'hex'),
      sha256(PASSWORD, 'base64'),
      sha256(PASSWORD, 'base64url'),
      sha256(JSON.stringify(registration), 'hex'),
      createHash('sha256').update(`POST /api/auth/register\n`).update(canonical(registration)).digest('hex'),
    ];
    for (const row of rows) for (const secret of secrets) expect(row.text).not.toContain(secret);
    // Keyed HMAC-SHA-256, base64url: 43 characters.
    for (const row of rows) expect(row.fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('never hands an old token back: a login with a key after logout gets a fresh one', async () => {
    const email = uniqueEmail('relogin');
    await api().post('/api/auth/register').send({ email, password: PASSWORD, displayName: 'Relogin' }).expect(201);
    const loginKey = key();
    const login = () => api().post('/api/auth/login').set('Idempotency-Key', loginKey).send({ email, password: PASSWORD });
    const first = await login().expect(200);
    await api().post('/api/auth/logout').set('Authorization', `Bearer ${first.body.accessToken}`).expect(204);

    const again = await login();

    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body.accessToken).not.toBe(first.body.accessToken);
    await api().get('/api/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(401);
    await api().get('/api/me').set('Authorization', `Bearer ${again.body.accessToken}`).expect(200);
  });

  it('never keeps an answer holding a token, even from a route not marked @NeverReplayed', async () => {
    const tokenKey = key();
    const issue = () => api().post('/api/test-idempotency-secrets/token').set('Idempotency-Key', tokenKey);

    const first = await issue().expect(201);
    const second = await issue().expect(201);

    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.accessToken).not.toBe(first.body.accessToken);
    expect((await records()).some((row) => row.key === tokenKey)).toBe(false);
  });

  it('still checks the form of the key on login', async () => {
    const response = await api()
      .post('/api/auth/login')
      .set('Idempotency-Key', 'has spaces')
      .send({ email: uniqueEmail('badkey'), password: PASSWORD });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
  });
});
