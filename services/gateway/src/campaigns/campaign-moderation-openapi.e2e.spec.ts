import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startTestGateway, testSchema } from '../test/test-gateway';

type Operation = {
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, unknown>;
  parameters?: Array<{ name: string; in: string }>;
};

/**
 * The moderation routes of changes since approval (ADR 0012) in the OpenAPI document, which the
 * gateway serves alone. What they do is proven end to end in e2e/campaign-changes.e2e.spec.ts.
 */
describe('the moderation routes in the OpenAPI document', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startTestGateway(testSchema('moderation_openapi'));
  });
  afterAll(() => app?.close());

  it('documents the review queue, the changed-campaigns list, the acknowledgement and the refusal with their schemas', async () => {
    const { body } = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    const paths = body.paths as Record<string, Record<string, Operation>>;
    const operation = (path: string, method: string) => paths[path]?.[method];
    const bodyRef = (path: string) => operation(path, 'post')?.requestBody?.content['application/json']?.schema.$ref;

    expect(bodyRef('/api/campaigns/{id}/changes/acknowledge')).toBe('#/components/schemas/AcknowledgeCampaignChangesRequest');
    expect(bodyRef('/api/campaigns/{id}/image/refuse')).toBe('#/components/schemas/RefuseCampaignImageRequest');
    for (const path of ['/api/campaigns/{id}/changes/acknowledge', '/api/campaigns/{id}/image/refuse'])
      expect(Object.keys(operation(path, 'post')?.responses ?? {})).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '404', '409']),
      );
    const list = operation('/api/moderation/changed-campaigns', 'get');
    expect(Object.keys(list?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(list?.parameters?.map((parameter) => parameter.name)).toEqual(expect.arrayContaining(['cursor', 'limit']));
    const queue = operation('/api/moderation/submitted-campaigns', 'get');
    expect(Object.keys(queue?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(queue?.parameters?.map((parameter) => parameter.name)).toEqual(expect.arrayContaining(['cursor', 'limit']));
    expect(body.components.schemas.SubmittedCampaignsPage.properties).toHaveProperty('items');
    expect(body.components.schemas.AcknowledgeCampaignChangesRequest.required).toEqual(['version']);
    expect(body.components.schemas.CampaignPage.properties).toHaveProperty('pendingImageUrl');
  });
});
