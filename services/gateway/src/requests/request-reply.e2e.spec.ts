import { randomBytes } from 'node:crypto';
import { Controller, Get, Inject, Param, type INestApplication, type INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { connect, type NatsConnection } from 'nats';
import request from 'supertest';
import { defineRequest, getCampaignSummary, type ReplyOf, type RequestOf } from '@elan/contracts';
import { NotFoundError } from '@elan/domain-kernel';
import { HandlesRequest, RequestClient, requestReplyTransport } from '@elan/messaging';
import { AppModule } from '../app.module';
import { configureGateway } from '../gateway';

// Subjects of this run's own, so parallel runs on one NATS server never answer each other.
const suffix = randomBytes(4).toString('hex');
const probe = (name: string) => defineRequest({ ...getCampaignSummary, name: `${name}${suffix}`, description: `test: ${name}` });
const summary = probe('GetCampaignSummaryProbe');
const silent = probe('NeverAnsweredProbe');
const absent = probe('NobodyListensProbe');

// Long enough for 40 concurrent requests on a loaded machine; the 504 test waits it once.
const TIMEOUT_MS = 1_500;
const KNOWN = '0190f3a4-5b6c-7d8e-9f01-23456789abcd';
const MISSING = '0190f3a4-5b6c-7d8e-9f01-000000000000';
const CAMPAIGNS = new Map<string, ReplyOf<typeof summary>>([
  [KNOWN, { campaignId: KNOWN, title: 'Une épicerie coopérative', status: 'live', goal: { amount: 1_500_000, currency: 'EUR' } }],
]);

const REPLICA = Symbol('REPLICA');
const answeredBy: string[] = [];

/** A stand-in for the campaign service, answering from memory. */
@Controller()
class CampaignSummaryService {
  constructor(@Inject(REPLICA) private readonly replica: string) {}

  @HandlesRequest(summary)
  async summary(request: RequestOf<typeof summary>): Promise<ReplyOf<typeof summary>> {
    answeredBy.push(this.replica);
    const found = CAMPAIGNS.get(request.campaignId);
    if (!found) throw new NotFoundError(`No campaign ${request.campaignId}.`, { campaignId: request.campaignId });
    return found;
  }
}

/** Routes of the test, as a feature module of the gateway would write them. */
@Controller('test-campaigns')
class CampaignRoutes {
  constructor(private readonly requests: RequestClient) {}

  @Get(':campaignId')
  summary(@Param('campaignId') campaignId: string): Promise<ReplyOf<typeof summary>> {
    return this.requests.request(summary, { campaignId });
  }

  @Get(':campaignId/from-a-silent-service')
  silent(@Param('campaignId') campaignId: string): Promise<ReplyOf<typeof silent>> {
    return this.requests.request(silent, { campaignId });
  }

  @Get(':campaignId/from-no-service')
  absent(@Param('campaignId') campaignId: string): Promise<ReplyOf<typeof absent>> {
    return this.requests.request(absent, { campaignId });
  }
}

const infrastructure = (): { databaseUrl: string; natsUrl: string } => {
  const { DATABASE_URL, NATS_URL } = process.env;
  if (!DATABASE_URL || !NATS_URL) throw new Error('DATABASE_URL and NATS_URL come from the Jest global setup');
  return { databaseUrl: DATABASE_URL, natsUrl: NATS_URL };
};

const startReplica = async (name: string): Promise<INestMicroservice> => {
  const testing = await Test.createTestingModule({
    controllers: [CampaignSummaryService],
    providers: [{ provide: REPLICA, useValue: name }],
  }).compile();
  const service = testing.createNestMicroservice({
    ...requestReplyTransport({ service: 'campaign', servers: infrastructure().natsUrl, shutdownGraceMs: 0 }),
    logger: false,
  });
  await service.listen();
  await service.unwrap<NatsConnection>().flush(); // its subscriptions are on the server
  return service;
};

describe('the gateway asking services over NATS', () => {
  let replicas: INestMicroservice[] = [];
  let gateway: INestApplication;
  let silentService: NatsConnection;

  beforeAll(async () => {
    replicas = [await startReplica('a'), await startReplica('b')];
    // A service that takes every request and answers none.
    silentService = await connect({ servers: infrastructure().natsUrl });
    silentService.subscribe(silent.subject, { queue: 'campaign', callback: () => undefined });
    await silentService.flush();
    const testing = await Test.createTestingModule({
      imports: [AppModule.forRoot({ ...infrastructure(), port: 0, requestTimeoutMs: TIMEOUT_MS })],
      controllers: [CampaignRoutes],
    }).compile();
    gateway = configureGateway(testing.createNestApplication({ logger: false }));
    await gateway.init();
  });
  afterAll(async () => {
    await gateway?.close();
    await Promise.all(replicas.map((replica) => replica.close()));
    await silentService?.close();
  });
  beforeEach(() => {
    answeredBy.length = 0;
  });

  it('answers with the reply of the service', async () => {
    const response = await request(gateway.getHttpServer()).get(`/api/test-campaigns/${KNOWN}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(CAMPAIGNS.get(KNOWN));
  });

  it('shares 40 requests between both replicas', async () => {
    const http = gateway.getHttpServer();
    const statuses = await Promise.all(
      Array.from({ length: 40 }, async () => (await request(http).get(`/api/test-campaigns/${KNOWN}`)).status),
    );

    expect(statuses).toEqual(Array.from({ length: 40 }, () => 200));
    expect(new Set(answeredBy)).toEqual(new Set(['a', 'b']));
  });

  it('answers a 404 problem with code not_found when the service has no such campaign', async () => {
    const response = await request(gateway.getHttpServer()).get(`/api/test-campaigns/${MISSING}`);

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({
      type: 'urn:elan:problem:not_found',
      title: 'The resource does not exist',
      status: 404,
      detail: `No campaign ${MISSING}.`,
      code: 'not_found',
      details: { campaignId: MISSING },
      instance: `/api/test-campaigns/${MISSING}`,
    });
  });

  it('answers a 400 problem naming the invalid field', async () => {
    const response = await request(gateway.getHttpServer()).get('/api/test-campaigns/not-a-uuid');

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      type: 'urn:elan:problem:validation_failed',
      status: 400,
      code: 'validation_failed',
      detail: expect.stringContaining('campaignId'),
      details: { issues: [{ path: 'campaignId', message: expect.any(String) }] },
    });
  });

  it('answers a 504 problem once the timeout has passed when the service never answers', async () => {
    const started = performance.now();
    const response = await request(gateway.getHttpServer()).get(`/api/test-campaigns/${KNOWN}/from-a-silent-service`);

    expect(response.status).toBe(504);
    expect(response.body).toMatchObject({ type: 'urn:elan:problem:request_timeout', status: 504, code: 'request_timeout' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 10);
  });

  it('answers a 503 problem, not a timeout, when no service listens', async () => {
    const response = await request(gateway.getHttpServer()).get(`/api/test-campaigns/${KNOWN}/from-no-service`);

    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({
      type: 'urn:elan:problem:service_unavailable',
      status: 503,
      code: 'service_unavailable',
    });
  });
});
