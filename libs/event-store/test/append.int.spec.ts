import { ConcurrencyError, ValidationError } from '@elan/domain-kernel';
import { openTestStore } from './test-database';

describe('appending to a stream', () => {
  let ctx: Awaited<ReturnType<typeof openTestStore>>;
  beforeAll(async () => {
    ctx = await openTestStore({}, 25);
  });
  afterAll(() => ctx.dispose());

  it('records events with their envelope and reads them back in stream order', async () => {
    const result = await ctx.store.append(
      'campaign-a1',
      [
        { type: 'CampaignDrafted', data: { title: 'Un four à pain', goal: { amount: 150000, currency: 'EUR' } } },
        { type: 'CampaignSubmitted', data: {}, metadata: { correlationId: 'corr-1', actor: 'holder-1' } },
      ],
      'no_stream',
    );
    expect(result.nextExpectedVersion).toBe(2);
    const events = await ctx.store.readStream('campaign-a1');
    expect(events.map((e) => [e.type, e.streamPosition, e.schemaVersion])).toEqual([
      ['CampaignDrafted', 1, 1],
      ['CampaignSubmitted', 2, 1],
    ]);
    expect(events[0]?.data).toEqual({ title: 'Un four à pain', goal: { amount: 150000, currency: 'EUR' } });
    expect(events[1]?.metadata).toEqual({ correlationId: 'corr-1', actor: 'holder-1' });
    expect(events[1]?.globalPosition).toBe(result.lastGlobalPosition);
    expect(events[0]?.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(events[0]?.occurredAt).toBeInstanceOf(Date);
  });

  it('dates an event by its append, not by the start of the transaction around it', async () => {
    const client = await ctx.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ began: Date }>('SELECT now() AS began');
      // The transaction was opened, then time passed before the decision was appended.
      await client.query('SELECT pg_sleep(0.02)');
      await ctx.store.append('campaign-t1', [{ type: 'CampaignClosed', data: {} }], 'no_stream', { client });
      await client.query('COMMIT');
      const [event] = await ctx.store.readStream('campaign-t1');
      expect(event?.occurredAt.getTime()).toBeGreaterThanOrEqual((rows[0]?.began.getTime() ?? 0) + 20);
    } finally {
      client.release();
    }
  });

  it('refuses an append whose expected version is not the stream version, and writes nothing', async () => {
    await ctx.store.append('campaign-b1', [{ type: 'CampaignDrafted', data: {} }], 'no_stream');
    await expect(ctx.store.append('campaign-b1', [{ type: 'X', data: {} }], 'no_stream')).rejects.toThrow(ConcurrencyError);
    await expect(ctx.store.append('campaign-b1', [{ type: 'X', data: {} }], 5)).rejects.toThrow(
      'stream campaign-b1 is at version 1, expected 5',
    );
    expect(await ctx.store.streamVersion('campaign-b1')).toBe(1);
  });

  it('appends with "any" whatever the version', async () => {
    await ctx.store.append('tip-c1', [{ type: 'TipPromised', data: {} }], 'any');
    const result = await ctx.store.append('tip-c1', [{ type: 'TipPaid', data: {} }], 'any');
    expect(result.nextExpectedVersion).toBe(2);
  });

  it('appends a batch atomically: one bad event and none is recorded', async () => {
    const first = await ctx.store.append('pledge-d1', [{ type: 'PledgePlaced', data: {} }], 'no_stream');
    const [recorded] = await ctx.store.readStream('pledge-d1');
    await expect(
      ctx.store.append(
        'pledge-d1',
        [
          { type: 'PledgeCommitted', data: {} },
          { eventId: recorded?.eventId, type: 'PledgeCollected', data: {} },
        ],
        first.nextExpectedVersion,
      ),
    ).rejects.toThrow(ConcurrencyError);
    expect((await ctx.store.readStream('pledge-d1')).map((e) => e.type)).toEqual(['PledgePlaced']);
  });

  it('rejects malformed input with a validation error', async () => {
    await expect(ctx.store.append('nocategory', [{ type: 'X', data: {} }], 'any')).rejects.toThrow(ValidationError);
    await expect(ctx.store.append('campaign-e1', [], 'any')).rejects.toThrow(ValidationError);
    await expect(ctx.store.append('campaign-e1', [{ type: 'X', data: {} }], -1)).rejects.toThrow(ValidationError);
    await expect(ctx.store.append('campaign-e1', [{ type: '', data: {} }], 'any')).rejects.toThrow(ValidationError);
  });

  it('lets exactly one of 20 concurrent appenders win each version', async () => {
    const streamId = 'campaign-race';
    for (let version = 0; version < 10; version++) {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, writer) =>
          ctx.store.append(streamId, [{ type: 'TierReserved', data: { writer } }], version),
        ),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const loss of lost) expect(loss.reason).toBeInstanceOf(ConcurrencyError);
    }
    const events = await ctx.store.readStream(streamId);
    expect(events.map((e) => e.streamPosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('gives every concurrent "any" appender its own position', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, writer) => ctx.store.append('tip-any', [{ type: 'TipPaid', data: { writer } }], 'any')),
    );
    const events = await ctx.store.readStream('tip-any');
    expect(events.map((e) => e.streamPosition)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(events.map((e) => (e.data as { writer: number }).writer)).size).toBe(20);
  });

  it('runs its migrations idempotently, even from concurrent starts', async () => {
    const { PostgresEventStore } = await import('../src');
    await Promise.all([1, 2, 3].map(() => PostgresEventStore.open(ctx.pool, { schema: ctx.schema })));
    expect(await ctx.store.streamVersion('campaign-a1')).toBe(2);
  });
});
