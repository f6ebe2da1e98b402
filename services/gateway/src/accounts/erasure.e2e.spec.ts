import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { expectProblem } from '@elan/testing';
import { PASSWORD, queryTestDatabase, registerAndLogin, startTestGateway, testSchema, uniqueEmail } from '../test/test-gateway';

type Operation = { requestBody?: { content: Record<string, { schema: { $ref: string } }> }; responses: Record<string, unknown> };

/**
 * `DELETE /api/me` and `GET /api/me/data` as far as the gateway answers alone: who may ask, and
 * that a refused erasure changes nothing. No pledge service answers here, and none is asked:
 * every refusal comes before the erasure's first request. The erasure itself, across every
 * service with payments, is proven in e2e/personal-data.e2e.spec.ts.
 */
describe('the personal-data routes of the gateway', () => {
  const schema = testSchema('erasure');
  const admin = { email: uniqueEmail('only-admin'), password: 'the only admin password' };
  let app: INestApplication;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startTestGateway(schema, { auth: { firstAdmin: admin } });
  });
  afterAll(() => app?.close());

  const rowOf = async (id: string) =>
    (
      await queryTestDatabase<{ email: string; password_hash: string }>(
        `SELECT email, password_hash FROM ${schema}.accounts WHERE id = $1`,
        [id],
      )
    )[0];

  it('needs an access token, or for a guest’s pledge the link’s token', async () => {
    expectProblem(await api().get('/api/me/data'), 401, 'unauthenticated');
    expectProblem(await api().delete('/api/me').send({ password: PASSWORD }), 401, 'unauthenticated');
    expectProblem(await api().delete('/api/pledges/0193a3b2-7c1d-7000-8000-000000000000/personal-data'), 401, 'unauthenticated');
  });

  it('asks for the password in the body, and erases nothing when it is missing or wrong', async () => {
    const { id, email, token } = await registerAndLogin(app, 'keeps-everything');
    const before = await rowOf(id);

    const missing = await api().delete('/api/me').set('Authorization', `Bearer ${token}`).send({});
    const wrong = await api()
      .delete('/api/me')
      .set('Authorization', `Bearer ${token}`)
      .send({ password: 'not my password at all' });

    expect(expectProblem(missing, 400, 'validation-failed')).toMatchObject({
      errors: [expect.objectContaining({ field: 'password' })],
    });
    expectProblem(wrong, 403, 'wrong-password');
    expect(await rowOf(id)).toEqual(before);
    expect(before?.email).toBe(email);
    await api().get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    await api().post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
  });

  it('refuses to erase the last admin, whose account stays as it was', async () => {
    const login = await api().post('/api/auth/login').send(admin).expect(200);
    const token = login.body.accessToken as string;

    const refused = await api().delete('/api/me').set('Authorization', `Bearer ${token}`).send({ password: admin.password });

    expectProblem(refused, 409, 'last-admin');
    await api().post('/api/auth/login').send(admin).expect(200);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const { body } = await api().get('/api/docs-json').expect(200);
    const paths = body.paths as Record<string, Record<string, Operation>>;
    expect(paths['/api/me']?.['delete']?.requestBody?.content['application/json']?.schema.$ref).toBe(
      '#/components/schemas/EraseAccountRequest',
    );
    expect(Object.keys(paths['/api/me']?.['delete']?.responses ?? {})).toEqual(
      expect.arrayContaining(['204', '400', '401', '403', '409']),
    );
    expect(Object.keys(paths['/api/me/data']?.['get']?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401']));
    expect(body.components.schemas).toHaveProperty('PersonalDataExport');
    expect(Object.keys(paths['/api/pledges/{id}/personal-data']?.['delete']?.responses ?? {})).toEqual(
      expect.arrayContaining(['204', '401', '403', '404', '409']),
    );
  });
});
