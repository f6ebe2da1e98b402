import { createHmac } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { decodeProtectedHeader, SignJWT } from 'jose';
import request from 'supertest';
import { createGateway } from '../gateway';
import {
  queryTestDatabase,
  registerAndLogin,
  startTestGateway,
  TEST_AUTH_SECRET,
  testConfig,
  testSchema,
} from '../test/test-gateway';
import { signingKeyId } from './access-tokens';

const bytes = (secret: string): Uint8Array => new TextEncoder().encode(secret);

/** A token as an attacker who holds `key` would make it: every claim right, any lifetime. */
async function forge(
  key: Uint8Array,
  accountId: string,
  { roles = ['contributor', 'holder', 'admin'], kid = signingKeyId(key), lifetime = 300, age = 0, alg = 'HS256' } = {},
): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000) - age;
  return new SignJWT({ roles })
    .setProtectedHeader({ alg, typ: 'JWT', ...(kid ? { kid } : {}) })
    .setSubject(accountId)
    .setJti('0190a0d2-7a5b-7c3e-8f00-00000000abcd')
    .setIssuer('urn:elan:gateway')
    .setAudience('urn:elan:api')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetime)
    .sign(key);
}

describe('access-token keys', () => {
  describe('without AUTH_SECRET (development)', () => {
    const schema = testSchema('devkey');
    let replicaA: INestApplication;
    let replicaB: INestApplication;
    const me = (app: INestApplication, token: string) =>
      request(app.getHttpServer()).get('/api/me').set('Authorization', `Bearer ${token}`);

    beforeAll(async () => {
      replicaA = await startTestGateway(schema, { auth: { secret: undefined } });
      replicaB = await startTestGateway(schema, { auth: { secret: undefined } });
    });
    afterAll(async () => {
      await replicaA.close();
      await replicaB.close();
    });

    it('signs with a random key kept in the schema, which every replica shares', async () => {
      const { token } = await registerAndLogin(replicaA, 'dev');

      await me(replicaB, token).expect(200);
      const keys = await queryTestDatabase<{ name: string; length: number }>(
        `SELECT name, octet_length(secret) AS length FROM ${schema}.signing_keys`,
      );
      expect(keys).toEqual([{ name: 'access-tokens', length: 32 }]);
    });

    it('refuses tokens forged with the key the gateway used to derive from the database URL', async () => {
      const { id, token: ownToken } = await registerAndLogin(replicaA, 'victim');
      const { databaseUrl } = testConfig(schema);
      const oldDerivedKey = bytes(createHmac('sha256', 'elan-development-auth-secret').update(databaseUrl).digest('base64url'));
      const forgedHolder = await forge(oldDerivedKey, id, { roles: ['contributor', 'holder'], kid: '' });
      const forgedWithKid = await forge(oldDerivedKey, id);
      const api = request(replicaA.getHttpServer());

      for (const forged of [forgedHolder, forgedWithKid]) {
        await me(replicaA, forged).expect(401);
        await api.post('/api/auth/logout').set('Authorization', `Bearer ${forged}`).expect(401);
        await api.post('/api/campaigns').set('Authorization', `Bearer ${forged}`).send({}).expect(401);
      }
      // A token forged for the admin's own id cannot grant roles.
      const admin = await registerAndLogin(replicaA, 'admin');
      await queryTestDatabase(`UPDATE ${schema}.accounts SET roles = '{contributor,holder,admin}' WHERE id = $1`, [admin.id]);
      const forgedAdmin = await forge(oldDerivedKey, admin.id, { kid: '' });
      const granted = await api
        .post(`/api/admin/accounts/${id}/roles`)
        .set('Authorization', `Bearer ${forgedAdmin}`)
        .send({ add: ['admin'] });
      expect(granted.status).toBe(401);
      // The same request with the admin's real token does reach the route (the forged one was the only difference).
      await api
        .post('/api/admin/accounts/0190a0d2-7a5b-7c3e-8f00-00000000ffff/roles')
        .set('Authorization', `Bearer ${admin.token}`)
        .send({ add: ['admin'] })
        .expect(404);
      const [account] = await queryTestDatabase<{ roles: string[] }>(`SELECT roles FROM ${schema}.accounts WHERE id = $1`, [id]);
      expect(account?.roles).toEqual(['contributor', 'holder']);
      await me(replicaA, ownToken).expect(200);
    });

    it('is not shared with a gateway on another schema', async () => {
      const { token } = await registerAndLogin(replicaA, 'elsewhere');
      const other = await startTestGateway(testSchema('devkey_other'), { auth: { secret: undefined } });
      try {
        await me(other, token).expect(401);
      } finally {
        await other.close();
      }
    });
  });

  describe('verification', () => {
    const schema = testSchema('verify');
    let app: INestApplication;
    const key = bytes(TEST_AUTH_SECRET);
    const me = (token: string) => request(app.getHttpServer()).get('/api/me').set('Authorization', `Bearer ${token}`);

    beforeAll(async () => {
      app = await startTestGateway(schema);
    });
    afterAll(() => app.close());

    it('names the signing key in the header', async () => {
      const { token } = await registerAndLogin(app, 'kid');

      expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT', kid: signingKeyId(key) });
    });

    it('accepts a token made as the gateway makes them (the forging below is faithful)', async () => {
      const { id } = await registerAndLogin(app, 'faithful');

      await me(await forge(key, id, { lifetime: 900 })).expect(200);
    });

    it('refuses a validly signed token whose lifetime exceeds the configured maximum', async () => {
      const { id } = await registerAndLogin(app, 'long');

      await me(await forge(key, id, { lifetime: 901 })).expect(401);
      await me(await forge(key, id, { lifetime: 365 * 86_400 })).expect(401);
      // Issued long ago, still "valid" by its own exp: too old all the same.
      await me(await forge(key, id, { lifetime: 900, age: 901 })).expect(401);
    });

    it('refuses a token without a kid, with an unknown kid or with another algorithm', async () => {
      const { id } = await registerAndLogin(app, 'header');

      await me(await forge(key, id, { kid: '' })).expect(401);
      await me(await forge(key, id, { kid: 'not-a-key-id' })).expect(401);
      await me(await forge(key, id, { alg: 'HS512' })).expect(401);
    });
  });

  describe('rotation', () => {
    const schema = testSchema('rotation');
    const oldSecret = 'the-old-access-token-secret-0123456789abcdef';
    const newSecret = 'the-new-access-token-secret-0123456789abcdef';

    it('accepts tokens of a previous key while it is listed, and refuses them once removed', async () => {
      const before = await startTestGateway(schema, { auth: { secret: oldSecret } });
      const during = await startTestGateway(schema, { auth: { secret: newSecret, previousSecrets: [oldSecret] } });
      const after = await startTestGateway(schema, { auth: { secret: newSecret } });
      try {
        const { token: oldToken } = await registerAndLogin(before, 'rotated');
        const { token: newToken } = await registerAndLogin(during, 'rotating');
        const me = (app: INestApplication, token: string) =>
          request(app.getHttpServer()).get('/api/me').set('Authorization', `Bearer ${token}`);

        await me(during, oldToken).expect(200);
        expect(decodeProtectedHeader(newToken).kid).toBe(signingKeyId(bytes(newSecret)));
        await me(after, newToken).expect(200);
        await me(after, oldToken).expect(401);
      } finally {
        await Promise.all([before.close(), during.close(), after.close()]);
      }
    });
  });

  it('refuses a secret shorter than 32 bytes in the explicit configuration of createGateway', async () => {
    const config = testConfig(testSchema('short'));

    await expect(createGateway({ ...config, auth: { secret: 'x'.repeat(31) } }, { logger: false })).rejects.toThrow(/32 bytes/);
    await expect(
      createGateway({ ...config, auth: { secret: TEST_AUTH_SECRET, previousSecrets: ['too short'] } }, { logger: false }),
    ).rejects.toThrow(/32 bytes/);
  });
});
