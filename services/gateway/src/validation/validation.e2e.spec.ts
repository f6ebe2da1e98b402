import { Controller, Get, Post, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { z } from 'zod';
import { startTestGateway, testSchema } from '../test/test-gateway';
import { ValidBody, ValidParam, ValidQuery } from './validated.decorators';

const SearchQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  departement: z
    .string()
    .regex(/^(\d{2}|2A|2B|97\d)$/)
    .optional(),
});

const Tier = z.strictObject({ title: z.string().min(1), minimum: z.number().int().positive() });

@Controller('test-validation')
class ValidatedController {
  @Get('search')
  search(@ValidQuery(SearchQuery) query: z.infer<typeof SearchQuery>): z.infer<typeof SearchQuery> {
    return query;
  }

  @Post('items/:id/tiers')
  tiers(
    @ValidParam('id', z.uuid()) id: string,
    @ValidBody(z.strictObject({ tiers: z.array(Tier).min(1) })) body: { tiers: z.infer<typeof Tier>[] },
  ): { id: string; count: number } {
    return { id, count: body.tiers.length };
  }
}

describe('validation of bodies, path parameters and queries with zod', () => {
  let app: INestApplication;
  const api = () => request(app.getHttpServer());
  const id = '0190a0d2-7a5b-7c3e-8f00-000000000001';

  beforeAll(async () => {
    app = await startTestGateway(testSchema('validation'), { controllers: [ValidatedController] });
  });
  afterAll(() => app.close());

  it('passes on the parsed values: coerced, with defaults', async () => {
    await api().get('/api/test-validation/search?limit=5&departement=2A').expect(200, { limit: 5, departement: '2A' });
    await api().get('/api/test-validation/search').expect(200, { limit: 20 });
  });

  it('names invalid and unknown query parameters', async () => {
    const response = await api().get('/api/test-validation/search?limit=500&departement=75000&sort=new');

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      detail: 'The query string has invalid fields: limit, departement, sort.',
      errors: [
        { field: 'limit', message: expect.any(String) },
        { field: 'departement', message: expect.any(String) },
        { field: 'sort', message: 'is not a known field' },
      ],
    });
  });

  it('names a nested body field by its path', async () => {
    const response = await api()
      .post(`/api/test-validation/items/${id}/tiers`)
      .send({
        tiers: [
          { title: 'Early bird', minimum: 10 },
          { title: '', minimum: -1 },
        ],
      });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'tiers.1.title', message: expect.any(String) },
      { field: 'tiers.1.minimum', message: expect.any(String) },
    ]);
  });

  it('names text that cannot be stored by the same path as a schema error, before the schema runs', async () => {
    const response = await api()
      .post(`/api/test-validation/items/${id}/tiers`)
      .send({
        tiers: [
          { title: 'Early bird', minimum: 10 },
          { title: 'Late\u0000', minimum: 'ten' },
        ],
      });
    expect(response.status).toBe(400);
    // Only the NUL: the edge refuses the body before zod would name `minimum`.
    expect(response.body.errors).toEqual([{ field: 'tiers.1.title', message: expect.stringMatching(/NUL/) }]);
  });

  it('calls a body that is missing or not an object "body"', async () => {
    const response = await api().post(`/api/test-validation/items/${id}/tiers`);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ detail: 'The request body has an invalid field: body.', errors: [{ field: 'body' }] });
  });

  it('names an invalid path parameter', async () => {
    const response = await api()
      .post('/api/test-validation/items/42/tiers')
      .send({ tiers: [{ title: 'A', minimum: 1 }] });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
  });

  it('documents the query parameters from the schema', async () => {
    const docs = await api().get('/api/docs-json').expect(200);
    const parameters = docs.body.paths['/api/test-validation/search'].get.parameters;

    expect(parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'limit', in: 'query', required: false }),
        expect.objectContaining({ name: 'departement', in: 'query', required: false }),
      ]),
    );
  });
});
