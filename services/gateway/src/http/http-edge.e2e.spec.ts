import { Body, Controller, Get, HttpCode, Param, Post, Query, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { expectProblem } from '@elan/testing';
import { AppModule } from '../app.module';
import { configureGateway } from '../gateway';
import { PASSWORD, queryTestDatabase, startTestGateway, testConfig, testSchema, uniqueEmail } from '../test/test-gateway';

/** Echoes what reached it, to show what the edge lets through. */
@Controller('test-edge')
class EchoController {
  @Post('echo')
  @HttpCode(200)
  echo(@Body() body: unknown): unknown {
    return { body };
  }

  @Get('items/:name')
  item(@Param('name') name: string, @Query() query: unknown): unknown {
    return { name, query };
  }
}

const deepArray = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const PROBLEM = /^application\/problem\+json/;

describe('the edge: bodies, text and headers before any route', () => {
  const schema = testSchema('edge');
  let app: INestApplication;
  const api = () => request(app.getHttpServer());
  const accountsNamed = async (email: string): Promise<number> =>
    (
      await queryTestDatabase<{ count: string }>(`SELECT count(*) FROM ${schema}.accounts WHERE lower(email) = lower($1)`, [
        email,
      ])
    )[0]?.count === '0'
      ? 0
      : 1;

  beforeAll(async () => {
    app = await startTestGateway(schema, { controllers: [EchoController] });
  });
  afterAll(() => app.close());

  describe('JSON bodies', () => {
    it('parses a JSON body, application/*+json included', async () => {
      await api()
        .post('/api/test-edge/echo')
        .send({ title: 'Four à pain', tiers: [{ n: 1 }] })
        .expect(200, { body: { title: 'Four à pain', tiers: [{ n: 1 }] } });
      await api()
        .post('/api/test-edge/echo')
        .set('Content-Type', 'application/merge-patch+json; charset=utf-8')
        .send('{"a":1}')
        .expect(200, { body: { a: 1 } });
    });

    it('answers a 5,000-deep body with an Idempotency-Key, without login, with a 400 problem', async () => {
      const response = await api()
        .post('/api/auth/register')
        .set('Content-Type', 'application/json')
        .set('Idempotency-Key', 'deep-1')
        .send(`{"email":${deepArray(5000)}}`);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body).toMatchObject({
        type: 'urn:elan:problem:validation-failed',
        errors: [{ field: 'body', message: expect.stringMatching(/deeper than 32/) }],
      });
    });

    it('accepts 32 levels and refuses 33; brackets inside strings do not count', async () => {
      await api().post('/api/test-edge/echo').set('Content-Type', 'application/json').send(deepArray(32)).expect(200);
      await api().post('/api/test-edge/echo').set('Content-Type', 'application/json').send(deepArray(33)).expect(400);
      await api()
        .post('/api/test-edge/echo')
        .send({ text: '['.repeat(100) })
        .expect(200);
    });

    it('answers a body over 1 MiB with a 413 problem', async () => {
      const big = JSON.stringify({ story: 'x'.repeat(1024 * 1024) });
      const declared = await api().post('/api/test-edge/echo').set('Content-Type', 'application/json').send(big);
      expectProblem(declared, 413, 'body-too-large');
    });

    it('refuses a form post to register and login with a 415 problem, and creates nothing', async () => {
      const email = uniqueEmail('form');
      const register = await api()
        .post('/api/auth/register')
        .type('form')
        .send({ email, password: PASSWORD, displayName: 'Form' });
      expectProblem(register, 415, 'unsupported-media-type');
      expect(await accountsNamed(email)).toBe(0);
      await api().post('/api/auth/login').type('form').send({ email, password: PASSWORD }).expect(415);
    });

    it.each([
      ['text/plain', '{"a":1}'],
      ['application/json; charset=latin1', '{"a":1}'],
      ['multipart/form-data; boundary=x', '--x--'],
    ])('refuses a body sent as %s with a 415 problem', async (type, body) => {
      const response = await api().patch('/api/test-edge/echo').set('Content-Type', type).send(body);
      expect(response.status).toBe(415);
    });

    it('refuses a compressed body with a 415 problem', async () => {
      await api()
        .post('/api/test-edge/echo')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .send('{}')
        .expect(415);
    });

    it('answers malformed JSON with a 400 problem naming the body', async () => {
      const malformed = await api().post('/api/test-edge/echo').set('Content-Type', 'application/json').send('{not json');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ errors: [{ field: 'body', message: 'is not valid JSON' }] });
    });

    it('lets a POST without a body through', async () => {
      await api().post('/api/test-edge/echo').expect(200, {});
    });
  });

  describe('text PostgreSQL cannot store', () => {
    it('refuses a NUL byte in the e-mail of a registration, naming the field, and creates nothing', async () => {
      const email = uniqueEmail('nul');
      const response = await api()
        .post('/api/auth/register')
        .send({ email: `${email}\u0000`, password: PASSWORD, displayName: 'Nul' });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body).toMatchObject({
        type: 'urn:elan:problem:validation-failed',
        errors: [{ field: 'email', message: expect.stringMatching(/NUL/) }],
      });
      expect(await accountsNamed(email)).toBe(0);
    });

    it('refuses half a surrogate pair in a nested string and in a key, naming both', async () => {
      const response = await api()
        .post('/api/test-edge/echo')
        .set('Content-Type', 'application/json')
        .send('{"tiers":[{"title":"ok"},{"title":"\\ud800"}],"\\udc00":1}');
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: '\\udc00', message: expect.stringMatching(/field name .*surrogate/) },
        { field: 'tiers.1.title', message: expect.stringMatching(/surrogate/) },
      ]);
    });

    it('lets a whole surrogate pair (an emoji) through', async () => {
      await api()
        .post('/api/test-edge/echo')
        .send({ title: 'Four 🍞' })
        .expect(200, { body: { title: 'Four 🍞' } });
    });

    it('refuses a NUL byte in a query parameter, naming it', async () => {
      const response = await api().get('/api/test-edge/items/a?q=pain%00');
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ detail: 'The query string has an invalid field: q.', errors: [{ field: 'q' }] });
    });

    it('refuses half a surrogate pair and other malformed UTF-8 in a query parameter, rather than replacing it', async () => {
      for (const value of ['%ED%A0%80', '%E9t%E9']) {
        const response = await api().get(`/api/test-edge/items/a?q=${value}`);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ errors: [{ field: 'q', message: 'is not valid percent-encoded UTF-8' }] });
      }
      await api()
        .get('/api/test-edge/items/a?q=%C3%A9t%C3%A9+chaud&q=pain')
        .expect(200, { name: 'a', query: { q: ['été chaud', 'pain'] } });
    });

    it('refuses a NUL byte and malformed UTF-8 in the path', async () => {
      for (const segment of ['a%00b', '%ED%A0%80', '%E9']) {
        const response = await api().get(`/api/test-edge/items/${segment}`);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(PROBLEM);
        expect(response.body).toMatchObject({ errors: [{ field: 'path', message: expect.stringMatching(/^segment 4 /) }] });
      }
      await api()
        .get('/api/test-edge/items/caf%C3%A9?q=pain')
        .expect(200, { name: 'café', query: { q: 'pain' } });
    });
  });

  describe('security headers', () => {
    it('sends no X-Powered-By, nosniff, no referrer and a CSP that allows nothing on the API', async () => {
      for (const response of [
        await api().get('/api/health'),
        await api().get('/api/nope'),
        await api().post('/api/test-edge/echo').type('form').send('a=1'),
      ]) {
        expect(response.headers['x-powered-by']).toBeUndefined();
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['referrer-policy']).toBe('no-referrer');
        expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
        expect(response.headers['strict-transport-security']).toBeUndefined();
      }
    });

    it('lets Swagger UI load: every script and stylesheet of /api/docs is same-origin, served, and allowed by its CSP', async () => {
      const page = await api().get('/api/docs').expect(200);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      const html = page.text;
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/); // no inline script: 'self' would block it
      const references = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)=["']([^"']+)["']/g)].map(
        (match) => match[1] ?? '',
      );
      expect(references.length).toBeGreaterThanOrEqual(4);
      for (const reference of references) {
        const url = new URL(reference, 'http://gateway/api/docs');
        expect(url.origin).toBe('http://gateway');
        const asset = await api().get(url.pathname);
        expect(`${url.pathname} ${asset.status}`).toBe(`${url.pathname} 200`);
      }
    });
  });

  describe('behind a TLS-terminating proxy (TRUST_PROXY)', () => {
    let proxied: INestApplication;
    beforeAll(async () => {
      const testingModule = await Test.createTestingModule({
        imports: [AppModule.forRoot({ ...testConfig(testSchema('edge_tls')), trustProxy: 'loopback' })],
      }).compile();
      proxied = await configureGateway(testingModule.createNestApplication({ logger: false })).init();
    });
    afterAll(() => proxied.close());

    it('sends Strict-Transport-Security on requests that came over HTTPS, and only those', async () => {
      const overTls = await request(proxied.getHttpServer()).get('/api/health').set('X-Forwarded-Proto', 'https');
      expect(overTls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const plain = await request(proxied.getHttpServer()).get('/api/health');
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    });

    it('believes X-Forwarded-Proto only from a trusted proxy', async () => {
      const spoofed = await api().get('/api/health').set('X-Forwarded-Proto', 'https');
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    });
  });
});
