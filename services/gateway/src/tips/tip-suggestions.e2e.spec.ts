import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { TIP_EXPLAINER_KEY } from '@elan/contracts';
import { expectProblem, openTestSchema, type SpawnedNatsServer, type TestSchema } from '@elan/testing';
import { startTestGateway, testSchema } from '../test/test-gateway';
import { ownNatsServer, startTippingProcess } from './test/tipping-process';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('GET /api/tips/suggestions', () => {
  describe('answered by the tipping service', () => {
    let database: TestSchema;
    let nats: SpawnedNatsServer;
    let tipping: { stop(): Promise<void> } | undefined;
    let gateway: INestApplication;
    const api = () => request(gateway.getHttpServer());

    beforeAll(async () => {
      // The service opens its own pool; this one only drops its schema at the end.
      database = await openTestSchema({ prefix: 'tipping', poolSize: 1 });
      nats = await ownNatsServer('tips');
      tipping = await startTippingProcess({ NATS_URL: nats.url, TIPPING_SCHEMA: database.schema, SHUTDOWN_GRACE_MS: '0' });
      gateway = await startTestGateway(testSchema('tips'), { natsUrl: nats.url });
    });
    afterAll(async () => {
      await gateway?.close();
      await tipping?.stop();
      await nats?.stop();
      await database?.dispose();
    });

    it('suggests 0 first, then 5, 10 and 15 % of €30, none pre-selected, with what tips pay for', async () => {
      const response = await api().get('/api/tips/suggestions?amount=3000&currency=EUR');

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        currency: 'EUR',
        suggestions: [
          { amount: eur(0), shareBasisPoints: 0 },
          { amount: eur(150), shareBasisPoints: 500 },
          { amount: eur(300), shareBasisPoints: 1_000 },
          { amount: eur(450), shareBasisPoints: 1_500 },
        ],
        preselected: null,
        explainer: { key: TIP_EXPLAINER_KEY, text: expect.stringMatching(/platform/) },
      });
    });

    it('takes EUR when no currency is given, and keeps another one', async () => {
      const inEuros = await api().get('/api/tips/suggestions?amount=3333').expect(200);
      const inFrancs = await api().get('/api/tips/suggestions?amount=500&currency=CHF').expect(200);

      expect(inEuros.body.currency).toBe('EUR');
      expect(inEuros.body.suggestions.map((s: { shareBasisPoints: number }) => s.shareBasisPoints)).toEqual([0, 450, 900, 1350]);
      expect(inFrancs.body).toMatchObject({
        currency: 'CHF',
        suggestions: [{ amount: { amount: 0, currency: 'CHF' } }, { amount: { amount: 50, currency: 'CHF' } }],
      });
    });

    it('suggests for the smallest and the largest pledge', async () => {
      const smallest = await api().get('/api/tips/suggestions?amount=100').expect(200);
      const largest = await api().get('/api/tips/suggestions?amount=10000000').expect(200);

      expect(smallest.body.suggestions).toEqual([{ amount: eur(0), shareBasisPoints: 0 }]);
      expect(largest.body.suggestions.at(-1)).toEqual({ amount: eur(1_500_000), shareBasisPoints: 1_500 });
    });

    it.each([
      ['no amount', '', 'amount'],
      ['an amount below the pledge minimum', '?amount=99', 'amount'],
      ['an amount above the maximum', '?amount=10000001', 'amount'],
      ['a fraction of a cent', '?amount=30.5', 'amount'],
      ['an amount that is not a number', '?amount=abc', 'amount'],
      ['a negative amount', '?amount=-3000', 'amount'],
      ['a currency in lower case', '?amount=3000&currency=eur', 'currency'],
      ['a currency that is not a code', '?amount=3000&currency=EURO', 'currency'],
      ['an unknown parameter', '?amount=3000&preselected=1', 'preselected'],
    ])('refuses %s with a 400 naming the field', async (_what, query, field) => {
      const response = await api().get(`/api/tips/suggestions${query}`);

      const problem = expectProblem(response, 400, 'validation-failed');
      expect(problem).toMatchObject({ errors: [expect.objectContaining({ field })] });
    });
  });

  describe('without a tipping service', () => {
    let nats: SpawnedNatsServer;
    let gateway: INestApplication;
    const api = () => request(gateway.getHttpServer());

    beforeAll(async () => {
      nats = await ownNatsServer('notips');
      gateway = await startTestGateway(testSchema('notips'), { natsUrl: nats.url });
    });
    afterAll(async () => {
      await gateway?.close();
      await nats?.stop();
    });

    it('answers a 503 problem that names no service or subject', async () => {
      const response = await api().get('/api/tips/suggestions?amount=3000');

      expectProblem(response, 503, 'service_unavailable');
      expect(response.text).not.toMatch(/tipping|rpc\./);
    });

    it('is documented in OpenAPI: public, its query parameters, its reply and its problems', async () => {
      const { body } = await api().get('/api/docs-json').expect(200);
      const operation = body.paths['/api/tips/suggestions']?.get;

      expect(operation?.security).toBeUndefined();
      expect(operation?.parameters).toEqual([
        expect.objectContaining({
          name: 'amount',
          in: 'query',
          required: true,
          schema: expect.objectContaining({ type: 'integer', minimum: 100, maximum: 10_000_000 }),
        }),
        expect.objectContaining({
          name: 'currency',
          in: 'query',
          required: false,
          schema: expect.objectContaining({ default: 'EUR', pattern: '^[A-Z]{3}$' }),
        }),
      ]);
      expect(operation?.responses['200']?.content['application/json']?.schema).toEqual({
        $ref: '#/components/schemas/TipSuggestions',
      });
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '503', '504']));
      expect(body.components.schemas.TipSuggestions.properties.preselected).toMatchObject({ nullable: true });
    });

    it('refuses bad input with a 400 before asking any service', async () => {
      const response = await api().get('/api/tips/suggestions?amount=1e308');

      expectProblem(response, 400, 'validation-failed');
    });
  });
});
