import { Controller, Get, NotFoundException, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../app.module';
import { configureGateway } from '../gateway';
import { queryTestDatabase } from '../test/test-gateway';

/** Routes that fail in the ways the filter must handle. */
@Controller('test-failures')
class FailingController {
  @Get('crash')
  crash(): never {
    throw new Error('secret internals at /srv/elan/payout.ts:42');
  }

  /** A value the client chose, cast by PostgreSQL: a bigint overflow (SQLSTATE 22003). */
  @Get('overflow')
  async overflow(): Promise<never> {
    await queryTestDatabase('SELECT CAST($1 AS bigint)', ['9223372036854775808']);
    throw new Error('unreachable: the cast overflows');
  }

  /** The service's own mistake (SQLSTATE 42P01): stays a 500. */
  @Get('broken-query')
  async brokenQuery(): Promise<never> {
    await queryTestDatabase('SELECT * FROM no_such_table_of_ours');
    throw new Error('unreachable: the table does not exist');
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('No project with id p-1.');
  }
}

describe('errors as RFC 7807 problem details', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const { DATABASE_URL, NATS_URL } = process.env;
    if (!DATABASE_URL || !NATS_URL) throw new Error('DATABASE_URL and NATS_URL come from the Jest global setup');
    const testingModule = await Test.createTestingModule({
      imports: [AppModule.forRoot({ databaseUrl: DATABASE_URL, natsUrl: NATS_URL, port: 0 })],
      controllers: [FailingController],
    }).compile();
    app = configureGateway(testingModule.createNestApplication({ logger: false }));
    await app.init();
  });
  afterAll(() => app.close());

  it('answers an unknown route with a 404 problem', async () => {
    const response = await request(app.getHttpServer()).get('/api/no-such-route');

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /api/no-such-route',
      instance: '/api/no-such-route',
    });
  });

  it('keeps the status and message of an HTTP exception', async () => {
    const response = await request(app.getHttpServer()).get('/api/test-failures/missing');

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ title: 'Not Found', detail: 'No project with id p-1.' });
  });

  it('answers any other error with a 500 problem that leaks nothing', async () => {
    const response = await request(app.getHttpServer()).get('/api/test-failures/crash');

    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred. It has been logged.',
      instance: '/api/test-failures/crash',
    });
    expect(response.text).not.toMatch(/secret|payout|at /);
  });

  it('answers a value PostgreSQL cannot take with a 400 validation problem that quotes no SQL', async () => {
    const response = await request(app.getHttpServer()).get('/api/test-failures/overflow');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: 'urn:elan:problem:validation-failed', status: 400, errors: [] });
    expect(response.text).not.toMatch(/bigint|SELECT|9223372036854775808|for type/);
  });

  it('answers any other database error with a 500 problem', async () => {
    const response = await request(app.getHttpServer()).get('/api/test-failures/broken-query');
    expect(response.status).toBe(500);
    expect(response.text).not.toMatch(/no_such_table|SELECT/);
  });

  it('answers a malformed JSON body with a 400 problem', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/health')
      .set('Content-Type', 'application/json')
      .send('{not json');

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'urn:elan:problem:validation-failed',
      status: 400,
      errors: [{ field: 'body', message: 'is not valid JSON' }],
    });
  });
});
