import { waitUntil } from '@elan/testing';
import { DEAD_LETTER_HEADER, HEADER } from '../src';
import { expectExactlyOnceInOrder, openFixture, type Fixture } from './messaging-fixture';

describe('integration events from one service’s log to another’s effects', () => {
  let fx: Fixture;
  beforeEach(async () => {
    fx = await openFixture();
  });
  afterEach(() => fx.dispose());

  it('delivers every event once, each stream in order, with its envelope headers', async () => {
    const seen: Array<Record<string, string | undefined>> = [];
    await fx.store.append('probe-0', [{ type: 'ProbeStepped', data: { step: 0, amount: { amount: 1, currency: 'EUR' } }, metadata: { correlationId: 'corr-7', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } }], 'no_stream');
    await fx.relay().start();
    await fx.consumer(async (payload, { envelope }) => {
      if (payload.step === 0) seen.push({ ...envelope, streamPosition: String(envelope.streamPosition) } as never);
    }).start();
    await fx.appendSteps(10, 30);
    await waitUntil(async () => (await fx.effects()).length === 301, { timeoutMs: 20_000, description: 'all effects' });
    const effects = (await fx.effects()).filter((e) => e.step > 0 || e.stream_id !== 'probe-0');
    // probe-0 started with the step-0 event: compare the others from step 1 on.
    expectExactlyOnceInOrder(effects.filter((e) => e.step > 0), 10, 30);
    expect(seen[0]).toMatchObject({ correlationId: 'corr-7', eventType: fx.contract.type, schemaVersion: 1, streamId: 'probe-0' });
    expect(seen[0]?.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(HEADER.previousPosition).toBe('Elan-Previous-Position');
  });

  it('dead-letters a message whose handler keeps failing, while the messages behind it flow', async () => {
    await fx.relay().start();
    const consumer = fx.consumer(
      async (payload) => {
        if (payload.step === 3) throw new Error('the handler cannot take step 3');
      },
      { maxDeliver: 3 },
    );
    await consumer.start();
    await fx.appendSteps(2, 6);
    await waitUntil(async () => (await fx.effects()).length === 10, { timeoutMs: 20_000, description: 'the healthy effects' });
    const byStep = (await fx.effects()).map((e) => e.step).sort();
    expect(byStep).toEqual([1, 1, 2, 2, 4, 4, 5, 5, 6, 6]);
    const dlq = await (await fx.nc.jetstreamManager()).streams.getMessage('ELAN_DLQ', {
      last_by_subj: `dlq.${fx.contract.subject}`,
    });
    expect(dlq.header.get(DEAD_LETTER_HEADER.reason)).toContain('the handler cannot take step 3');
    expect(dlq.header.get(DEAD_LETTER_HEADER.consumer)).toBe(consumer.name);
  });
});
