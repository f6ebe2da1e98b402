import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { isUuid, uuidv7Timestamp } from '@elan/domain-kernel';
import { AppModule } from '../app.module';
import { configureGateway } from '../gateway';
import { registerAndLogin, testConfig, testSchema, type LoggedIn } from '../test/test-gateway';
import { BLANK_TITLE, CampaignServiceStub, UNKNOWN_CAMPAIGN } from './test/campaign-service.stub';

/**
 * The campaign routes against a stand-in campaign service: what each route lets through, what
 * it sends, what it answers. The real service is exercised end to end in e2e/.
 */
describe('the campaign routes of the gateway', () => {
  const schema = testSchema('campaigns');
  const campaignId = '0190f3a4-5b6c-7d8e-9f01-23456789abcd';
  const tierId = '0190f3a4-5b6c-7d8e-9f01-2345678900d1';
  const draft = { title: 'Un four à pain', category: 'food', fundingModel: 'all_or_nothing', location: { departement: '62' } };
  let stub: CampaignServiceStub;
  let app: INestApplication;
  let holder: LoggedIn;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    stub = await CampaignServiceStub.start();
    const testing = await Test.createTestingModule({
      imports: [AppModule.forRoot({ ...testConfig(schema), natsUrl: stub.natsUrl })],
    }).compile();
    app = await configureGateway(testing.createNestApplication({ logger: false })).init();
    holder = await registerAndLogin(app, 'holder');
  });
  afterAll(async () => {
    await app?.close();
    await stub?.stop();
  });
  beforeEach(() => {
    stub.received.length = 0;
  });

  // Three items each: Jest would take a missing third for the `done` callback of the test.
  const mutations: [string, string, object | undefined][] = [
    ['post', '/api/campaigns', draft],
    ['patch', `/api/campaigns/${campaignId}`, { story: 'Il était une fois…' }],
    ['post', `/api/campaigns/${campaignId}/tiers`, { minimumAmount: { amount: 2_500, currency: 'EUR' }, title: 'Une miche', description: '' }],
    ['patch', `/api/campaigns/${campaignId}/tiers/${tierId}`, { title: 'Deux miches' }],
    ['delete', `/api/campaigns/${campaignId}/tiers/${tierId}`, undefined],
    ['post', `/api/campaigns/${campaignId}/tiers/${tierId}/close`, undefined],
    ['post', `/api/campaigns/${campaignId}/submit`, undefined],
    ['post', `/api/campaigns/${campaignId}/approve`, undefined],
    ['post', `/api/campaigns/${campaignId}/reject`, { reason: 'Précisez le budget.' }],
    ['post', `/api/campaigns/${campaignId}/cancel`, { reason: 'Le lieu a fermé.' }],
    ['post', `/api/campaigns/${campaignId}/updates`, { title: 'Merci', body: 'Le four est commandé.' }],
  ];
  const call = (method: string, path: string) => {
    const test = api();
    return method === 'post' ? test.post(path) : method === 'patch' ? test.patch(path) : test.delete(path);
  };

  it.each(mutations)('refuses an anonymous %s %s with 401, asking nothing of the service', async (method, path, body) => {
    const response = await (body ? call(method, path).send(body) : call(method, path));

    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(stub.received).toEqual([]);
  });

  it.each(['approve', 'reject'])('keeps %s to moderators and admins, before the service is asked', async (action) => {
    const response = await api()
      .post(`/api/campaigns/${campaignId}/${action}`)
      .auth(holder.token, { type: 'bearer' })
      .send({ reason: 'Trop vague.' });

    expect(response.status).toBe(403);
    expect(stub.received).toEqual([]);
  });

  it('creates a draft with an id of the gateway’s, the caller as actor, and its Location', async () => {
    const stretchGoals = [{ amount: { amount: 600_000, currency: 'EUR' }, description: 'Un second four' }];
    const response = await api()
      .post('/api/campaigns')
      .auth(holder.token, { type: 'bearer' })
      .send({ ...draft, goal: { amount: 500_000, currency: 'EUR' }, stretchGoals });

    expect(response.status).toBe(201);
    const [sent] = stub.sent('CreateCampaign');
    const id = String(sent?.['campaignId']);
    expect(isUuid(id) && id[14]).toBe('7');
    expect(Math.abs(uuidv7Timestamp(id) - Date.now())).toBeLessThan(60_000);
    expect(sent).toEqual({
      ...draft,
      goal: { amount: 500_000, currency: 'EUR' },
      stretchGoals: [{ ...stretchGoals[0], stretchGoalId: expect.stringMatching(/^[0-9a-f-]{36}$/) }],
      actor: { accountId: holder.id, roles: ['contributor', 'holder'] },
      campaignId: id,
    });
    expect(response.body).toEqual({ campaignId: id, status: 'draft', version: 1 });
    expect(response.headers.location).toBe(`/api/campaigns/${id}`);
  });

  it('gives a replayed creation the same campaign and Location, asking the service once', async () => {
    const create = () => api().post('/api/campaigns').auth(holder.token, { type: 'bearer' }).set('Idempotency-Key', `create-${schema}`).send(draft);

    const first = await create();
    const again = await create();

    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(stub.sent('CreateCampaign')).toHaveLength(1);
  });

  it.each([
    ['a misspelt field', { ...draft, goals: { amount: 1, currency: 'EUR' } }, 'goals'],
    ['a département that is not one', { ...draft, location: { departement: '20' } }, 'location.departement'],
    ['a missing title', { ...draft, title: undefined }, 'title'],
    ['an amount in euros with cents', { ...draft, goal: { amount: 12.5, currency: 'EUR' } }, 'goal.amount'],
  ])('answers %s with a 400 naming the field', async (_what, body, field) => {
    const response = await api().post('/api/campaigns').auth(holder.token, { type: 'bearer' }).send(body);

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field, message: expect.any(String) }]);
    expect(stub.received).toEqual([]);
  });

  it('names the field the campaign service refused, as if the gateway had', async () => {
    const response = await api().post('/api/campaigns').auth(holder.token, { type: 'bearer' }).send({ ...draft, title: BLANK_TITLE });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      type: 'urn:elan:problem:validation-failed',
      detail: 'The request body has an invalid field: title.',
      errors: [{ field: 'title', message: 'must not be blank' }],
    });
  });

  it('picks the id of a new tier and answers it; an unlimited tier needs no quantityLimit', async () => {
    const tier = { minimumAmount: { amount: 2_500, currency: 'EUR' }, title: 'Une miche', description: '' };
    const response = await api().post(`/api/campaigns/${campaignId}/tiers`).auth(holder.token, { type: 'bearer' }).send(tier);

    expect(response.status).toBe(201);
    const [sent] = stub.sent('AddTier');
    expect(sent?.['tier']).toEqual({ ...tier, quantityLimit: null, tierId: response.body.tierId });
    expect(response.body).toEqual({ campaignId, status: 'draft', version: 1, tierId: expect.any(String) });
  });

  it('sends tier changes, removals and closings with the ids of the path', async () => {
    const auth = (test: request.Test) => test.auth(holder.token, { type: 'bearer' });
    await auth(api().patch(`/api/campaigns/${campaignId}/tiers/${tierId}`)).send({ estimatedDelivery: null }).expect(200);
    await auth(api().delete(`/api/campaigns/${campaignId}/tiers/${tierId}`)).expect(200);
    await auth(api().post(`/api/campaigns/${campaignId}/tiers/${tierId}/close`)).expect(200);

    const actor = { accountId: holder.id, roles: ['contributor', 'holder'] };
    expect(stub.received).toEqual([
      { name: 'EditTier', payload: { actor, campaignId, tierId, changes: { estimatedDelivery: null } } },
      { name: 'RemoveTier', payload: { actor, campaignId, tierId } },
      { name: 'CloseTier', payload: { actor, campaignId, tierId } },
    ]);
  });

  it('answers an unknown campaign with a 404 problem', async () => {
    const response = await api().post(`/api/campaigns/${UNKNOWN_CAMPAIGN}/submit`).auth(holder.token, { type: 'bearer' });

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('turns the catalog query into the contract’s filters', async () => {
    await api().get('/api/campaigns?status=live,%20failed&departement=2A&q=four%20%C3%A0%20pain&sort=ending_soon&limit=5').expect(200);

    expect(stub.sent('ListCampaigns')).toEqual([
      { status: ['live', 'failed'], departement: '2A', text: 'four à pain', sort: 'ending_soon', limit: 5 },
    ]);
  });

  it.each([
    ['status=live,paused', 'status.1'],
    ['limit=500', 'limit'],
    ['departement=20', 'departement'],
    ['text=four', 'text'],
  ])('refuses the catalog query %s, naming %s', async (query, field) => {
    const response = await api().get(`/api/campaigns?${query}`);

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field, message: expect.any(String) }]);
  });

  it('shows a campaign page to anyone, passing the caller as viewer when there is one', async () => {
    await api().get(`/api/campaigns/${campaignId}`).expect(200);
    await api().get(`/api/campaigns/${campaignId}`).auth(holder.token, { type: 'bearer' }).expect(200);
    await api().get(`/api/campaigns/${campaignId}`).auth('not-a-token', { type: 'bearer' }).expect(200);

    expect(stub.sent('GetCampaign')).toEqual([
      { campaignId },
      { campaignId, viewer: { accountId: holder.id, roles: ['contributor', 'holder'] } },
      { campaignId },
    ]);
  });

  it('lists the caller’s own campaigns', async () => {
    await api().get('/api/me/campaigns?limit=10').expect(401);
    const response = await api().get('/api/me/campaigns?limit=10').auth(holder.token, { type: 'bearer' });

    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(stub.sent('ListHolderCampaigns')).toEqual([{ holderId: holder.id, limit: 10 }]);
  });

  it('documents every campaign route in OpenAPI with the schemas that validate it', async () => {
    const { body } = await api().get('/api/docs-json').expect(200);
    const paths = body.paths as Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    const bodyRef = (path: string, method: string) =>
      (paths[path]?.[method]?.requestBody as { content: Record<string, { schema: { $ref: string } }> } | undefined)?.content[
        'application/json'
      ]?.schema.$ref;

    expect(bodyRef('/api/campaigns', 'post')).toBe('#/components/schemas/CreateCampaignRequest');
    expect(bodyRef('/api/campaigns/{id}', 'patch')).toBe('#/components/schemas/CampaignChangesRequest');
    expect(bodyRef('/api/campaigns/{id}/tiers', 'post')).toBe('#/components/schemas/AddTierRequest');
    expect(bodyRef('/api/campaigns/{id}/tiers/{tierId}', 'patch')).toBe('#/components/schemas/TierChangesRequest');
    expect(bodyRef('/api/campaigns/{id}/reject', 'post')).toBe('#/components/schemas/RejectCampaignRequest');
    expect(bodyRef('/api/campaigns/{id}/updates', 'post')).toBe('#/components/schemas/PostCampaignUpdateRequest');
    for (const path of ['/api/campaigns/{id}/tiers/{tierId}/close', '/api/campaigns/{id}/submit', '/api/campaigns/{id}/approve', '/api/campaigns/{id}/cancel'])
      expect([path, Object.keys(paths[path]?.['post']?.responses ?? {})]).toEqual([path, expect.arrayContaining(['200', '401', '404'])]);
    expect(Object.keys(paths['/api/campaigns/{id}/tiers/{tierId}']?.['delete']?.responses ?? {})).toEqual(expect.arrayContaining(['200', '403']));
    expect(Object.keys(paths['/api/campaigns']?.['get']?.responses ?? {})).toContain('200');
    expect(Object.keys(paths['/api/campaigns/{id}']?.['get']?.responses ?? {})).toContain('404');
    expect(Object.keys(paths['/api/me/campaigns']?.['get']?.responses ?? {})).toContain('401');
    expect(body.components.schemas.CampaignPage.properties).toHaveProperty('tiers');
    expect(body.components.schemas.CreateCampaignRequest.required).toEqual(['title', 'category', 'fundingModel', 'location']);
  });
});
