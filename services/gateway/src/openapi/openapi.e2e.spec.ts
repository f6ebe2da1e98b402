import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { z } from 'zod';
import { RegisterRequestSchema } from '../accounts/accounts.schemas';
import { startTestGateway, testSchema } from '../test/test-gateway';

interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
  security?: unknown[];
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
}

describe('the OpenAPI document', () => {
  let app: INestApplication;
  let document: Document;

  beforeAll(async () => {
    app = await startTestGateway(testSchema('openapi'));
    const response = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    document = response.body as Document;
  });
  afterAll(() => app.close());

  const operations = (): [string, Operation][] =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
    );
  const bodyRef = (operation: Operation | undefined) => operation?.requestBody?.content['application/json']?.schema.$ref;

  it('serves Swagger UI at /api/docs', async () => {
    const response = await request(app.getHttpServer()).get('/api/docs');

    expect(response.status).toBe(200);
    expect(response.text).toContain('swagger-ui');
  });

  it('lists the auth, account and admin routes with their body schemas', () => {
    const { paths } = document;

    expect(bodyRef(paths['/api/auth/register']?.post)).toBe('#/components/schemas/RegisterRequest');
    expect(bodyRef(paths['/api/auth/login']?.post)).toBe('#/components/schemas/LoginRequest');
    expect(bodyRef(paths['/api/admin/accounts/{id}/roles']?.post)).toBe('#/components/schemas/ChangeRolesRequest');
    expect(paths['/api/auth/logout']?.post?.security).toEqual([{ bearer: [] }]);
    expect(paths['/api/me']?.get?.responses['200']?.content?.['application/json']?.schema.$ref).toBe(
      '#/components/schemas/Account',
    );
  });

  it('generates the body schemas from the zod schemas that validate them', () => {
    const generated = z.toJSONSchema(RegisterRequestSchema, { target: 'openapi-3.0', io: 'input' }) as Record<string, unknown>;
    delete generated.$schema;

    expect(document.components.schemas.RegisterRequest).toEqual(generated);
    expect(document.components.schemas.RegisterRequest).toMatchObject({
      required: ['email', 'password', 'displayName'],
      properties: { password: { type: 'string', minLength: 12, maxLength: 200 } },
    });
  });

  it('documents the problems of each route as application/problem+json', () => {
    const register = document.paths['/api/auth/register']?.post;
    const problem = (status: string) => register?.responses[status]?.content?.['application/problem+json']?.schema.$ref;

    expect(problem('400')).toBe('#/components/schemas/ValidationProblem');
    expect(problem('409')).toBe('#/components/schemas/Problem');
    expect(problem('429')).toBe('#/components/schemas/Problem');
    expect(document.paths['/api/admin/accounts/{id}/roles']?.post?.responses).toHaveProperty('403');
  });

  it('gives every route a problem response, every POST an Idempotency-Key, every guarded route a 401', () => {
    const all = operations();
    expect(all.length).toBeGreaterThanOrEqual(5);

    for (const [name, operation] of all) {
      expect([name, operation.responses.default?.content]).toEqual([name, { 'application/problem+json': expect.anything() }]);
      if (operation.security) expect([name, Object.keys(operation.responses)]).toEqual([name, expect.arrayContaining(['401'])]);
      if (!name.startsWith('POST ')) continue;
      expect([name, operation.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')]).toEqual([name, true]);
      expect([name, Object.keys(operation.responses)]).toEqual([name, expect.arrayContaining(['409', '422'])]);
    }
  });
});
