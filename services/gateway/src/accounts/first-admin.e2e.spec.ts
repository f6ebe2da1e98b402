import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { FirstAdmin } from '../auth/auth.config';
import { normaliseEmail } from './email-address';
import { PASSWORD, queryTestDatabase, startTestGateway, testSchema, uniqueEmail } from '../test/test-gateway';

describe('the first admin from the configuration (ELAN_ADMIN_EMAIL / ELAN_ADMIN_PASSWORD)', () => {
  const started: INestApplication[] = [];
  const start = async (schema: string, firstAdmin: FirstAdmin): Promise<INestApplication> => {
    const app = await startTestGateway(schema, { auth: { firstAdmin } });
    started.push(app);
    return app;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((app) => app.close()));
  });

  const accountsOf = (schema: string, email: string) =>
    queryTestDatabase<{ id: string; roles: string[] }>(`SELECT id, roles FROM ${schema}.accounts WHERE email_normalised = $1`, [
      normaliseEmail(email),
    ]);
  const login = (app: INestApplication, email: string, password: string) =>
    request(app.getHttpServer()).post('/api/auth/login').send({ email, password });

  it('is created at start-up, and can log in as an admin', async () => {
    const schema = testSchema('firstadmin');
    const admin = { email: uniqueEmail('admin'), password: 'admin password 1' };

    const app = await start(schema, admin);

    const token = (await login(app, admin.email, admin.password).expect(200)).body.accessToken;
    const me = await request(app.getHttpServer()).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({
      email: admin.email,
      displayName: 'Administrator',
      roles: ['contributor', 'holder', 'admin'],
    });
  });

  it('is idempotent: restarts and replicas starting together leave one account with its password', async () => {
    const schema = testSchema('firstadmin');
    const admin = { email: uniqueEmail('admin'), password: 'admin password 1' };

    await Promise.all([start(schema, admin), start(schema, admin)]);
    const restarted = await start(schema, { ...admin, password: 'another password 2' });

    const accounts = await accountsOf(schema, admin.email);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]?.roles).toEqual(['contributor', 'holder', 'admin']);
    await login(restarted, admin.email, admin.password).expect(200);
    await login(restarted, admin.email, 'another password 2').expect(401);
  });

  it('promotes an account that already exists, without needing its password', async () => {
    const schema = testSchema('firstadmin');
    const email = uniqueEmail('existing');
    const first = await start(schema, { email: uniqueEmail('someone-else'), password: 'admin password 1' });
    await request(first.getHttpServer())
      .post('/api/auth/register')
      .send({ email, password: PASSWORD, displayName: 'Existing' })
      .expect(201);

    await start(schema, { email: email.toUpperCase() });

    expect((await accountsOf(schema, email))[0]?.roles).toEqual(['contributor', 'holder', 'admin']);
  });

  it('starts without creating anything when the account is missing and no password is given', async () => {
    const schema = testSchema('firstadmin');
    const email = uniqueEmail('nopassword');

    const app = await start(schema, { email });

    await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(await accountsOf(schema, email)).toEqual([]);
  });
});
