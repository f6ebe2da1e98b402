import { waitUntil } from '@elan/testing';
import type { EnvelopeHeaders } from '../src';
import { expectExactlyOnceInOrder, openFixture, type Fixture } from './messaging-fixture';

describe('integration events from one service’s log to another’s effects', () => {
  let fx: Fixture;
  beforeEach(async () => {
    fx = await openFixture();
  });
  afterEach(() => fx.dispose());

  it('delivers every event once, each stream in order, with its envelope headers', async () => {
    const envelopes: EnvelopeHeaders[] = [];
    await fx.store.append(
      'probe-traced',
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
        if (envelope.streamId === 'probe-traced') envelopes.push(envelope);
      })
      .start();
    await fx.appendSteps(10, 30);
    await waitUntil(async () => (await fx.effects()).length === 301, { timeoutMs: 20_000, description: 'all effects' });
    expectExactlyOnceInOrder(
      (await fx.effects()).filter((e) => e.stream_id !== 'probe-traced'),
      10,
      30,
    );
    expect(envelopes).toEqual([
      expect.objectContaining({
        correlationId: 'corr-7',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        eventType: fx.contract.type,
        schemaVersion: 1,
        streamId: 'probe-traced',
        streamPosition: 1,
        previousPosition: 0,
      }),
    ]);
  });
});
