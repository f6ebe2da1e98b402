import { waitUntil } from '@elan/testing';
import type { EnvelopeHeaders } from '../src';
import { expectExactlyOnceInOrder, openFixture, type Fixture } from './messaging-fixture';
import { probeContract } from './probe-contract';

describe('integration events from one service’s log to another’s effects', () => {
  let fx: Fixture;
  beforeEach(async () => {
    fx = await openFixture();
  });
  afterEach(() => fx.dispose());

  it('delivers every event once, each stream in order, with its envelope headers', async () => {
    const envelopes: EnvelopeHeaders[] = [];
    await fx.store.append(
      `traced-${fx.id}`,
      [
        {
          type: 'ProbeStepped',
          data: { step: 1, amount: { amount: 1, currency: 'EUR' } },
          metadata: { correlationId: 'corr-7', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
        },
      ],
      'no_stream',
    );
    await fx.relay().start();
    await fx
      .consumer(async (_payload, { envelope }) => {
        if (envelope.streamId === `traced-${fx.id}`) envelopes.push(envelope);
      })
      .start();
    await fx.appendSteps(10, 30);
    await waitUntil(async () => (await fx.effects()).length === 301, { timeoutMs: 20_000, description: 'all effects' });
    expectExactlyOnceInOrder(
      (await fx.effects()).filter((e) => e.stream_id !== `traced-${fx.id}`),
      10,
      30,
    );
    expect(envelopes).toEqual([
      expect.objectContaining({
        correlationId: 'corr-7',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        eventType: fx.contract.type,
        schemaVersion: 1,
        streamId: `traced-${fx.id}`,
        streamPosition: 1,
        previousPosition: 0,
      }),
    ]);
  });

  it('lets a handled event through when its predecessor in the stream is of a type the consumer ignores', async () => {
    // Odd steps are the probe the consumer handles; even steps another event of the same
    // publisher, which it does not handle but which still precedes the next odd step.
    const ignored = probeContract(`${fx.id}Ignored`);
    await fx
      .relay({
        map: (event) => ({
          contract: (event.data as { step: number }).step % 2 === 0 ? ignored : fx.contract,
          payload: event.data,
        }),
      })
      .start();
    await fx.consumer().start();
    await fx.appendSteps(3, 6);

    const started = Date.now();
    await waitUntil(async () => (await fx.effects()).length === 9, { timeoutMs: 20_000, description: 'every odd step' });
    expect(Date.now() - started).toBeLessThan(15_000);
    for (let s = 0; s < 3; s++)
      expect((await fx.effects()).filter((e) => e.stream_id === fx.streamOf(s)).map((e) => e.step)).toEqual([1, 3, 5]);
  });
});
