import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { waitUntil } from '@elan/testing';
import { IntegrationEventConsumers, MessagingModule, NATS_CONNECTION, OnIntegrationEvent, PG_POOL, type HandlerContext } from '../src';
import { openFixture, type Fixture } from './messaging-fixture';
import { probeContract } from './probe-contract';

describe('integration event handlers declared on Nest providers', () => {
  let fx: Fixture;
  let app: INestApplicationContext | undefined;
  beforeEach(async () => {
    fx = await openFixture();
  });
  afterEach(async () => {
    await app?.close();
    await fx.dispose();
  });

  const bootService = async (): Promise<INestApplicationContext> => {
    const contract = probeContract(fx.id);
    const schema = fx.consumerSchema;

    @Injectable()
    class PledgeProbeHandler {
      @OnIntegrationEvent(contract, { purpose: `probe-${fx.id}` })
      async onProbe(payload: { step: number }, { envelope, client }: HandlerContext): Promise<void> {
        await client.query(`INSERT INTO ${schema}.effects (event_id, stream_id, step) VALUES ($1, $2, $3)`, [
          envelope.eventId,
          envelope.streamId,
          payload.step,
        ]);
      }
    }

    @Module({
      imports: [
        MessagingModule.forService({ service: 'pledge', schema }, [
          { provide: NATS_CONNECTION, useValue: fx.nc },
          { provide: PG_POOL, useValue: fx.pool },
        ]),
      ],
      providers: [PledgeProbeHandler],
    })
    class PledgeServiceModule {}

    const context = await NestFactory.createApplicationContext(PledgeServiceModule, { logger: false });
    await context.init();
    return context;
  };

  it('starts one durable consumer per purpose and applies each event once', async () => {
    app = await bootService();
    expect(app.get(IntegrationEventConsumers).names).toEqual([`pledge-probe-${fx.id}`]);
    await fx.relay().start();
    await fx.appendSteps(3, 20);
    await waitUntil(async () => (await fx.effects()).length === 60, { timeoutMs: 15_000, description: '60 effects' });
  });

  it('drains on shutdown: what was handled is acked, and a restarted service handles the rest once', async () => {
    app = await bootService();
    await fx.relay().start();
    await fx.appendSteps(5, 40);
    await waitUntil(async () => (await fx.effects()).length > 0, { timeoutMs: 15_000, description: 'some effects' });
    await app.close();
    app = await bootService();
    await waitUntil(async () => (await fx.effects()).length >= 200, { timeoutMs: 20_000, description: '200 effects' });
    const ids = (await fx.effects()).map((e) => e.event_id);
    expect(new Set(ids).size).toBe(200);
    expect(ids).toHaveLength(200);
  });
});
