import { randomBytes } from 'node:crypto';
import { Controller, Module } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import { defineRequest, getCampaignSummary, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest, RequestClient } from '@elan/messaging';
import { currentCorrelationId, withCorrelation } from '@elan/observability';
import { openTestSchema, testDatabaseUrl, type TestSchema } from '@elan/testing';
import { startService, type RunningService } from './start-service';

const probe = defineRequest({
  ...getCampaignSummary,
  name: `CorrelationProbe${randomBytes(4).toString('hex')}`,
  description: 'test: which correlation id the handler runs in',
});
const seen: (string | undefined)[] = [];

@Controller()
class ProbeController {
  @HandlesRequest(probe)
  async answer(request: RequestOf<typeof probe>): Promise<ReplyOf<typeof probe>> {
    await Promise.resolve(); // past an await, where a context passed by hand would be lost
    seen.push(currentCorrelationId());
    return { campaignId: request.campaignId, title: 'probe', status: 'live', goal: { amount: 1, currency: 'EUR' } };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

/** The correlation id travels from the asking process's work to the answering handler's logs. */
describe('correlation ids across a request (real NATS)', () => {
  const { NATS_URL: natsUrl = '' } = process.env;
  let database: TestSchema;
  let nc: NatsConnection;
  let service: RunningService<unknown>;

  beforeAll(async () => {
    database = await openTestSchema({ prefix: 'corr', poolSize: 1 });
    nc = await connect({ servers: natsUrl });
    service = await startService(
      {
        name: 'tipping',
        config: { databaseUrl: testDatabaseUrl(), natsUrl, schema: database.schema, shutdownGraceMs: 0 },
        compose: () => undefined,
        module: () => ({ module: ProbeModule }),
      },
      { logger: false },
    );
  });
  afterAll(async () => {
    await service?.close();
    await nc?.close();
    await database?.dispose();
  });

  it('runs the handler in the caller’s correlation id: given, or the one of the work in progress, or none', async () => {
    const client = new RequestClient({ connection: () => nc, timeoutMs: 5_000 });
    const campaignId = '0190f3a4-5b6c-7d8e-9f01-23456789abcd';
    await client.request(probe, { campaignId }, { correlationId: 'given-correlation' });
    await withCorrelation('http-request-42', () => client.request(probe, { campaignId }));
    await client.request(probe, { campaignId });
    expect(seen).toEqual(['given-correlation', 'http-request-42', undefined]);
  });
});
