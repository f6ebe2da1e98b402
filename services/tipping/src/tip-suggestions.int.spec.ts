import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { suggestTips, TIP_EXPLAINER_KEY, type ReplyOf } from '@elan/contracts';
import { ValidationError } from '@elan/domain-kernel';
import { RequestClient } from '@elan/messaging';
import type { RunningService } from '@elan/service-kit';
import { openTestSchema, spawnNatsServer, testDatabaseUrl, type SpawnedNatsServer, type TestSchema } from '@elan/testing';
import { DEFAULT_TIP_SUGGESTION_POLICY } from './tip';
import { startTippingService, type TippingConfig } from './tipping-service';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/**
 * `rpc.tipping.SuggestTips.v1` answered by the real tipping service, started in this process on
 * a NATS server of the test's own (no other run's replica in the `tipping` queue group).
 */
describe('the tipping service answering rpc.tipping.SuggestTips.v1', () => {
  let database: TestSchema;
  let nats: SpawnedNatsServer;
  let nc: NatsConnection;
  let requests: RequestClient;
  const services: RunningService<object>[] = [];

  const start = async (tipSuggestions = DEFAULT_TIP_SUGGESTION_POLICY): Promise<void> => {
    const config: TippingConfig = {
      databaseUrl: testDatabaseUrl(),
      natsUrl: nats.url,
      schema: database.schema,
      shutdownGraceMs: 0,
      tipSuggestions,
    };
    services.push(await startTippingService(config, { logger: ['error'] }));
  };
  const stopAll = async (): Promise<void> => {
    await Promise.all(services.splice(0).map((service) => service.close()));
  };

  beforeAll(async () => {
    database = await openTestSchema({ prefix: 'tipping', poolSize: 1 });
    nats = await spawnNatsServer({
      storeDir: join(tmpdir(), `elan-${database.schema}`),
      keepData: false,
      startTimeoutMs: 15_000,
    });
    nc = await connect({ servers: nats.url });
    const connection = nc;
    requests = new RequestClient({ connection: () => connection, timeoutMs: 10_000 });
  });
  afterEach(stopAll);
  afterAll(async () => {
    await stopAll();
    await nc?.close();
    await nats?.stop();
    await database?.dispose();
  });

  it('suggests 0 first, then 5, 10 and 15 % of a €30 pledge, none pre-selected, with the explainer', async () => {
    await start();

    const reply: ReplyOf<typeof suggestTips> = await requests.request(suggestTips, { amount: eur(3_000) });

    expect(reply).toEqual({
      currency: 'EUR',
      suggestions: [
        { amount: eur(0), shareBasisPoints: 0 },
        { amount: eur(150), shareBasisPoints: 500 },
        { amount: eur(300), shareBasisPoints: 1_000 },
        { amount: eur(450), shareBasisPoints: 1_500 },
      ],
      preselected: null,
      explainer: { key: TIP_EXPLAINER_KEY, text: expect.stringContaining('100 %') },
    });
  });

  it('keeps the currency of the pledge', async () => {
    await start();

    const reply = await requests.request(suggestTips, { amount: { amount: 3_000, currency: 'CHF' } });

    expect(reply.currency).toBe('CHF');
    expect(reply.suggestions.map((s) => s.amount.currency)).toEqual(['CHF', 'CHF', 'CHF', 'CHF']);
  });

  it('suggests with the policy it was configured with', async () => {
    await start({ ...DEFAULT_TIP_SUGGESTION_POLICY, sharesBps: [1_000, 2_000], step: 100, maxShareBps: 1_500 });

    const reply = await requests.request(suggestTips, { amount: eur(3_000) });

    expect(reply.suggestions).toEqual([
      { amount: eur(0), shareBasisPoints: 0 },
      { amount: eur(300), shareBasisPoints: 1_000 },
    ]);
  });

  it('refuses a pledge that is not positive with a validation error naming amount', async () => {
    await start();

    const refusal = requests.request(suggestTips, { amount: eur(0) });

    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(refusal).rejects.toMatchObject({ details: { field: 'amount' } });
  });
});
