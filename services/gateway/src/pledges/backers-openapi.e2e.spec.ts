import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { expectProblem } from '@elan/testing';
import { registerAndLogin, startTestGateway, testSchema, type LoggedIn } from '../test/test-gateway';

type Operation = {
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};

const CAMPAIGN = '0190f3a4-5b6c-7d8e-9f01-23456789abcd';
const PLEDGE = '0190f3a4-5b6c-7d8e-9f01-000000000003';

/**
 * The backers, messages and receipt routes as the gateway answers them alone: their OpenAPI
 * document, and what it refuses before asking the pledge service anything. What they answer is
 * proven end to end, every process real, in e2e/pledges-holder-views.e2e.spec.ts.
 */
describe('the backers, messages and receipt routes at the gateway', () => {
  let app: INestApplication;
  let caller: LoggedIn;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startTestGateway(testSchema('holder_views'));
    caller = await registerAndLogin(app, 'holderviews');
  });
  afterAll(() => app?.close());

  it('documents each route: who may call it, its parameters, what it answers and its problems', async () => {
    const { body } = await api().get('/api/docs-json').expect(200);
    const get = (path: string): Operation | undefined => (body.paths as Record<string, { get?: Operation }>)[path]?.get;

    const backers = get('/api/campaigns/{id}/backers');
    expect(backers?.security).toEqual([{ bearer: [] }]);
    expect(backers?.parameters?.map((p) => p.name).sort()).toEqual(['cursor', 'id', 'limit']);
    expect(backers?.responses['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/BackersPage',
    });
    expect(Object.keys(backers?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    expect(body.components.schemas.BackersPage.properties.items.items.properties).not.toHaveProperty('tip');

    const csv = get('/api/campaigns/{id}/backers.csv');
    expect(csv?.security).toEqual([{ bearer: [] }]);
    expect(csv?.responses['200']?.content).toHaveProperty('text/csv');
    expect(Object.keys(csv?.responses ?? {})).toEqual(expect.arrayContaining(['401', '403', '404']));

    const messages = get('/api/campaigns/{id}/messages');
    expect(messages?.security).toBeUndefined();
    expect(messages?.responses['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/CampaignMessagesPage',
    });

    const receipt = get('/api/pledges/{id}/receipt');
    expect(receipt?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['id', 'x-guest-token']));
    expect(receipt?.responses['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/PledgeReceipt',
    });
    expect(Object.keys(receipt?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '404', '409']));
    expect(get('/api/pledges/{id}/receipt.html')?.responses['200']?.content).toHaveProperty('text/html');
    expect(body.components.schemas.PledgeReceipt.required).toEqual(
      expect.arrayContaining(['lines', 'total', 'statement', 'facts']),
    );
  });

  it.each([
    ['the backers', `/api/campaigns/${CAMPAIGN}/backers`],
    ['the CSV export', `/api/campaigns/${CAMPAIGN}/backers.csv`],
    ['a receipt', `/api/pledges/${PLEDGE}/receipt`],
    ['a printable receipt', `/api/pledges/${PLEDGE}/receipt.html`],
  ])('answers 401 for %s without a token', async (_what, path) => {
    expectProblem(await api().get(path), 401, 'unauthenticated');
  });

  it.each([
    ['a campaign id that is no UUID', '/api/campaigns/42/backers', 'id'],
    ['a limit of 0', `/api/campaigns/${CAMPAIGN}/backers?limit=0`, 'limit'],
    ['a limit above 50', `/api/campaigns/${CAMPAIGN}/messages?limit=51`, 'limit'],
    ['an unknown parameter', `/api/campaigns/${CAMPAIGN}/messages?sort=oldest`, 'sort'],
    ['a pledge id that is no UUID', '/api/pledges/nope/receipt', 'id'],
  ])('refuses %s with a 400 naming it, before asking the pledge service', async (_what, path, field) => {
    const response = await api().get(path).set('Authorization', `Bearer ${caller.token}`);

    expect(expectProblem(response, 400, 'validation-failed')).toMatchObject({ errors: [expect.objectContaining({ field })] });
  });
});
