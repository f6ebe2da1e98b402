import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startTestGateway, testSchema } from '../test/test-gateway';

type Operation = { requestBody?: { content: Record<string, { schema: { $ref: string } }> }; responses: Record<string, unknown> };

/**
 * The campaign routes in the OpenAPI document, which the gateway serves alone: no campaign
 * service is asked. What the routes do is proven end to end, every process real, in e2e/.
 */
describe('the campaign routes in the OpenAPI document', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startTestGateway(testSchema('campaign_openapi'));
  });
  afterAll(() => app?.close());

  it('documents every campaign route with the schemas that validate it', async () => {
    const { body } = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    const paths = body.paths as Record<string, Record<string, Operation>>;
    const bodyRef = (path: string, method: string) =>
      paths[path]?.[method]?.requestBody?.content['application/json']?.schema.$ref;

    expect(bodyRef('/api/campaigns', 'post')).toBe('#/components/schemas/CreateCampaignRequest');
    expect(bodyRef('/api/campaigns/{id}', 'patch')).toBe('#/components/schemas/CampaignChangesRequest');
    expect(bodyRef('/api/campaigns/{id}/tiers', 'post')).toBe('#/components/schemas/AddTierRequest');
    expect(bodyRef('/api/campaigns/{id}/tiers/{tierId}', 'patch')).toBe('#/components/schemas/TierChangesRequest');
    expect(bodyRef('/api/campaigns/{id}/reject', 'post')).toBe('#/components/schemas/RejectCampaignRequest');
    expect(bodyRef('/api/campaigns/{id}/updates', 'post')).toBe('#/components/schemas/PostCampaignUpdateRequest');
    for (const path of [
      '/api/campaigns/{id}/tiers/{tierId}/close',
      '/api/campaigns/{id}/submit',
      '/api/campaigns/{id}/approve',
      '/api/campaigns/{id}/cancel',
    ])
      expect([path, Object.keys(paths[path]?.['post']?.responses ?? {})]).toEqual([
        path,
        expect.arrayContaining(['200', '401', '404']),
      ]);
    expect(Object.keys(paths['/api/campaigns/{id}/tiers/{tierId}']?.['delete']?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '403']),
    );
    expect(Object.keys(paths['/api/campaigns']?.['get']?.responses ?? {})).toContain('200');
    expect(Object.keys(paths['/api/campaigns/{id}']?.['get']?.responses ?? {})).toContain('404');
    expect(Object.keys(paths['/api/me/campaigns']?.['get']?.responses ?? {})).toContain('401');
    expect(body.components.schemas.CampaignPage.properties).toHaveProperty('tiers');
    // Issue #12: the plain-language summary, written with the campaign and read with its page and cards.
    for (const schema of ['CreateCampaignRequest', 'CampaignChangesRequest', 'CampaignPage', 'CampaignCatalogPage'])
      expect([schema, JSON.stringify(body.components.schemas[schema])]).toEqual([
        schema,
        expect.stringContaining('plainLanguageSummary'),
      ]);
    expect(body.components.schemas.CampaignPage.required).toContain('plainLanguageSummary');
    expect(body.components.schemas.CreateCampaignRequest.required).toEqual(['title', 'category', 'fundingModel', 'location']);
  });
});
