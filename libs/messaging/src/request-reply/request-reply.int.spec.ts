import { randomBytes } from 'node:crypto';
import { Controller, Inject, type INestMicroservice } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { defineRequest, getCampaignSummary, type ReplyOf, type RequestOf } from '@elan/contracts';
import { NotFoundError, ValidationError } from '@elan/domain-kernel';
import { waitUntil } from '@elan/testing';
import { HEADER } from '../headers';
import { HandlesRequest } from './handles-request.decorator';
import { RequestClient } from './request-client';
import { RemoteServiceError, RequestTimeoutError, ServiceUnavailableError } from './request-failures';
import { requestReplyTransport } from './request-reply.transport';

// Subjects of this run's own: parallel runs on one NATS server never answer each other.
const suffix = randomBytes(4).toString('hex');
const probe = (name: string) => defineRequest({ ...getCampaignSummary, name: `${name}${suffix}`, description: `test: ${name}` });
const summary = probe('GetCampaignSummaryProbe');
const silent = probe('NeverAnsweredProbe');
const absent = probe('NobodyListensProbe');
const slow = probe('SlowProbe');
const ping = probe('PingProbe');

const KNOWN = '0190f3a4-5b6c-7d8e-9f01-23456789abcd';
const MISSING = '0190f3a4-5b6c-7d8e-9f01-000000000000';
const FAILING = '0190f3a4-5b6c-7d8e-9f01-ffffffffffff';
const CAMPAIGNS = new Map<string, ReplyOf<typeof summary>>([
  [KNOWN, { campaignId: KNOWN, title: 'Une épicerie coopérative', status: 'live', goal: { amount: 1_500_000, currency: 'EUR' } }],
]);

const REPLICA = Symbol('REPLICA');
const answeredBy: string[] = [];
const correlationIds: (string | undefined)[] = [];

/** The campaign service's side, as a service would write it, over an in-memory map. */
@Controller()
class CampaignSummaryController {
  constructor(@Inject(REPLICA) private readonly replica: string) {}

  @HandlesRequest(summary)
  async summary(request: RequestOf<typeof summary>, context: NatsContext): Promise<ReplyOf<typeof summary>> {
    answeredBy.push(this.replica);
    correlationIds.push(context.getHeaders()?.get(HEADER.correlationId) || undefined);
    if (request.campaignId === FAILING) throw new Error('the read model is gone');
    const found = CAMPAIGNS.get(request.campaignId);
    if (!found) throw new NotFoundError(`no campaign ${request.campaignId}`, { campaignId: request.campaignId });
    return found;
  }
}

/** A replica whose `slow` handler waits until the test lets it answer. */
@Controller()
class SlowController {
  static started = false;
  static letAnswer: () => void = () => undefined;

  @HandlesRequest(slow)
  async answerLate(request: RequestOf<typeof slow>): Promise<ReplyOf<typeof slow>> {
    SlowController.started = true;
    await new Promise<void>((resolve) => (SlowController.letAnswer = resolve));
    return { campaignId: request.campaignId, title: 'Late', status: 'draft', goal: { amount: 1, currency: 'EUR' } };
  }

  @HandlesRequest(ping)
  async ping(request: RequestOf<typeof ping>): Promise<ReplyOf<typeof ping>> {
    return { campaignId: request.campaignId, title: 'Pong', status: 'draft', goal: { amount: 1, currency: 'EUR' } };
  }
}

const natsUrl = (): string => {
  const url = process.env.NATS_URL;
  if (!url) throw new Error('NATS_URL comes from the Jest global setup');
  return url;
};

/** One replica: a Nest microservice of its own, in the `campaign` queue group. */
const startReplica = async (
  name: string,
  options: { controller?: new (...args: never[]) => object; shutdownGraceMs?: number } = {},
): Promise<INestMicroservice> => {
  const testing = await Test.createTestingModule({
    controllers: [options.controller ?? CampaignSummaryController],
    providers: [{ provide: REPLICA, useValue: name }],
  }).compile();
  const transport = requestReplyTransport({
    service: 'campaign',
    servers: natsUrl(),
    shutdownGraceMs: options.shutdownGraceMs ?? 0,
  });
  const app = testing.createNestMicroservice({ ...transport, logger: false });
  await app.listen();
  // The subscriptions are on the server once it has answered a round trip after them.
  await app.unwrap<NatsConnection>().flush();
  return app;
};

describe('request/reply over NATS between a Nest microservice and RequestClient', () => {
  let replicas: INestMicroservice[] = [];
  let nc: NatsConnection;
  let client: RequestClient;

  beforeAll(async () => {
    replicas = [await startReplica('a'), await startReplica('b')];
    nc = await connect({ servers: natsUrl() });
    // A service that takes every request and answers none.
    nc.subscribe(silent.subject, { queue: 'campaign', callback: () => undefined });
    await nc.flush();
    client = new RequestClient({ connection: () => nc, timeoutMs: 2_000 });
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await nc?.close();
  });
  beforeEach(() => {
    answeredBy.length = 0;
    correlationIds.length = 0;
  });

  it('gets the validated reply, with the correlation id in the headers', async () => {
    await expect(client.request(summary, { campaignId: KNOWN }, { correlationId: 'corr-1' })).resolves.toEqual(
      CAMPAIGNS.get(KNOWN),
    );
    expect(correlationIds).toEqual(['corr-1']);
  });

  it('shares 40 requests between both replicas of the queue group', async () => {
    await Promise.all(Array.from({ length: 40 }, () => client.request(summary, { campaignId: KNOWN })));

    expect(answeredBy).toHaveLength(40);
    expect(answeredBy.filter((replica) => replica === 'a').length).toBeGreaterThan(0);
    expect(answeredBy.filter((replica) => replica === 'b').length).toBeGreaterThan(0);
  });

  it('rethrows the not_found error reply as a NotFoundError with its details', async () => {
    const error = await client.request(summary, { campaignId: MISSING }).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ message: `no campaign ${MISSING}`, details: { campaignId: MISSING } });
  });

  it('refuses an invalid request before sending it', async () => {
    const invalid = { campaignId: 'c-1' } as RequestOf<typeof summary>;

    await expect(client.request(summary, invalid)).rejects.toThrow(ValidationError);
    expect(answeredBy).toEqual([]);
  });

  it('has the service answer validation_failed to an invalid request of a caller that did not check it', async () => {
    // A caller speaking the Nest packet format with no contract at hand.
    const codec = JSONCodec();
    const raw = await nc.request(
      summary.subject,
      codec.encode({ pattern: summary.subject, id: 'raw-1', data: { campaignId: 7 } }),
    );

    expect(codec.decode(raw.data)).toEqual({
      id: 'raw-1',
      isDisposed: true,
      err: {
        code: 'validation_failed',
        message: expect.stringContaining('campaignId'),
        details: { issues: [{ path: 'campaignId', message: expect.any(String) }] },
      },
    });
  });

  it('turns a failure inside the service into a RemoteServiceError', async () => {
    await expect(client.request(summary, { campaignId: FAILING })).rejects.toThrow(RemoteServiceError);
  });

  it('gives up with a RequestTimeoutError when the service never answers', async () => {
    const started = performance.now();

    await expect(client.request(silent, { campaignId: KNOWN }, { timeoutMs: 300 })).rejects.toThrow(RequestTimeoutError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('fails with a ServiceUnavailableError, not a timeout, when no replica listens', async () => {
    await expect(client.request(absent, { campaignId: KNOWN })).rejects.toThrow(ServiceUnavailableError);
  });

  it('fails with a ServiceUnavailableError when NATS cannot be reached', async () => {
    const offline = new RequestClient({ connection: () => Promise.reject(new Error('ECONNREFUSED')), timeoutMs: 2_000 });

    await expect(offline.request(summary, { campaignId: KNOWN })).rejects.toThrow(ServiceUnavailableError);
  });

  it('answers a request in flight when its replica shuts down, while new ones find it gone', async () => {
    // Generous bounds for the request in flight and the grace period: on a loaded machine the
    // waits below may add up past the client's default 2 s, which is not what this test is about.
    const replica = await startReplica('leaving', { controller: SlowController, shutdownGraceMs: 10_000 });
    const late = client.request(slow, { campaignId: KNOWN }, { timeoutMs: 10_000 });
    await waitUntil(() => SlowController.started, { timeoutMs: 5_000, description: 'the slow handler runs' });

    const closing = replica.close();
    // A ping that reached the replica as it unsubscribed is never answered: a short timeout lets
    // the probe try again rather than stall.
    await waitUntil(
      async () =>
        (await client.request(ping, { campaignId: KNOWN }, { timeoutMs: 300 }).catch((error: unknown) => error)) instanceof
        ServiceUnavailableError,
      { timeoutMs: 5_000, description: 'the leaving replica no longer takes requests' },
    );
    SlowController.letAnswer();

    await expect(late).resolves.toMatchObject({ title: 'Late' });
    await closing;
  });
});
