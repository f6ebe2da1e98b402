import { Controller, Get, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Actor } from '../auth/actor';
import { Authenticated, CurrentActor, Roles } from '../auth/auth.decorators';
import { PASSWORD, registerAndLogin, startTestGateway, testSchema, uniqueEmail } from '../test/test-gateway';

/** Routes as later controllers will declare them. */
@Controller('test-roles')
class GuardedController {
  @Get('public')
  open(): { ok: true } {
    return { ok: true };
  }

  @Get('any-account')
  @Authenticated()
  anyAccount(@CurrentActor() actor: Actor): { accountId: string } {
    return { accountId: actor.accountId };
  }

  @Get('moderation')
  @Roles('moderator', 'admin')
  moderation(@CurrentActor() actor: Actor): { roles: readonly string[] } {
    return { roles: actor.roles };
  }
}

describe('roles: the guard and admin role management', () => {
  const schema = testSchema('roles');
  const admin = { email: uniqueEmail('admin'), password: 'the first admin password' };
  let app: INestApplication;
  let adminToken: string;
  const api = () => request(app.getHttpServer());
  const changeRoles = (token: string, id: string, body: object) =>
    api().post(`/api/admin/accounts/${id}/roles`).set('Authorization', `Bearer ${token}`).send(body);

  beforeAll(async () => {
    app = await startTestGateway(schema, { auth: { firstAdmin: admin }, controllers: [GuardedController] });
    const login = await api().post('/api/auth/login').send(admin).expect(200);
    adminToken = login.body.accessToken;
  });
  afterAll(() => app.close());

  it('lets anyone call a public route, and identifies callers only where required', async () => {
    await api().get('/api/test-roles/public').expect(200, { ok: true });
    const { id, token } = await registerAndLogin(app, 'any');

    await api().get('/api/test-roles/any-account').expect(401);
    await api().get('/api/test-roles/any-account').set('Authorization', `Bearer ${token}`).expect(200, { accountId: id });
  });

  it('answers 401 to an anonymous caller and 403 to an account without the role', async () => {
    const { token } = await registerAndLogin(app, 'contributor');

    const anonymous = await api().get('/api/test-roles/moderation');
    const contributor = await api().get('/api/test-roles/moderation').set('Authorization', `Bearer ${token}`);

    expect(anonymous.status).toBe(401);
    expect(contributor.status).toBe(403);
    expect(contributor.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(contributor.body).toMatchObject({
      type: 'urn:elan:problem:forbidden',
      status: 403,
      detail: 'This route needs one of the roles: moderator, admin.',
    });
  });

  it('applies a granted or removed role at once, to tokens already issued', async () => {
    const { id, token } = await registerAndLogin(app, 'future-moderator');
    const moderation = () => api().get('/api/test-roles/moderation').set('Authorization', `Bearer ${token}`);

    const granted = await changeRoles(adminToken, id, { add: ['moderator'] });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ id, roles: ['contributor', 'holder', 'moderator'] });
    await moderation().expect(200, { roles: ['contributor', 'holder', 'moderator'] });

    await changeRoles(adminToken, id, { remove: ['moderator'] }).expect(200);
    await moderation().expect(403);
  });

  it('lets only admins change roles', async () => {
    const { id, token } = await registerAndLogin(app, 'not-admin');

    await api()
      .post(`/api/admin/accounts/${id}/roles`)
      .send({ add: ['admin'] })
      .expect(401);
    await changeRoles(token, id, { add: ['admin'] }).expect(403);
  });

  it('answers 404 for an unknown account and 400 naming the field for a bad id or role', async () => {
    await changeRoles(adminToken, '0190a0d2-7a5b-7c3e-8f00-00000000beef', { add: ['moderator'] }).expect(404);

    const badId = await changeRoles(adminToken, 'not-a-uuid', { add: ['moderator'] });
    expect(badId.status).toBe(400);
    expect(badId.body).toMatchObject({ detail: 'The path has an invalid field: id.', errors: [{ field: 'id' }] });

    const { id } = await registerAndLogin(app, 'base-roles');
    const baseRole = await changeRoles(adminToken, id, { remove: ['contributor'] });
    expect(baseRole.status).toBe(400);
    expect(baseRole.body.errors).toEqual([{ field: 'remove.0', message: expect.any(String) }]);

    const nothing = await changeRoles(adminToken, id, {});
    expect(nothing.status).toBe(400);
    expect(nothing.body.errors).toEqual([{ field: 'add', message: 'name at least one role to add or remove' }]);
  });

  it('never removes the last admin, and lets a second admin take over', async () => {
    const me = await api().get('/api/me').set('Authorization', `Bearer ${adminToken}`).expect(200);

    const alone = await changeRoles(adminToken, me.body.id, { remove: ['admin'] });
    expect(alone.status).toBe(409);
    expect(alone.body).toMatchObject({ type: 'urn:elan:problem:last-admin' });

    const second = await registerAndLogin(app, 'second-admin');
    await changeRoles(adminToken, second.id, { add: ['admin'] }).expect(200);
    await changeRoles(second.token, me.body.id, { remove: ['admin'] }).expect(200);
    await changeRoles(adminToken, second.id, { add: ['moderator'] }).expect(403);
    // Restore, for the tests that still use the first admin.
    await changeRoles(second.token, me.body.id, { add: ['admin'] }).expect(200);
  });

  it('registers new accounts with base roles only, even next to admins', async () => {
    const email = uniqueEmail('plain');
    const response = await api().post('/api/auth/register').send({ email, password: PASSWORD, displayName: 'P' });
    expect(response.body.roles).toEqual(['contributor', 'holder']);
  });
});
