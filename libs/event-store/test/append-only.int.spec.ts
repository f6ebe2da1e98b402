import { openTestStore } from './test-database';

const APP_ROLE = 'elan_app';

describe('the event log is append-only', () => {
  let ctx: Awaited<ReturnType<typeof openTestStore>>;
  beforeAll(async () => {
    ctx = await openTestStore({ appRole: APP_ROLE });
    await ctx.store.append('campaign-f1', [{ type: 'CampaignDrafted', data: { title: 'Ferme' } }], 'no_stream');
  });
  afterAll(() => ctx.dispose());

  it.each([
    ['UPDATE', (s: string) => `UPDATE ${s}.events SET data = '{}'`],
    ['DELETE', (s: string) => `DELETE FROM ${s}.events`],
    ['TRUNCATE', (s: string) => `TRUNCATE ${s}.events`],
  ])('refuses %s even to the table owner', async (operation, statement) => {
    await expect(ctx.pool.query(statement(ctx.schema))).rejects.toThrow(
      `the event log is append-only: ${operation} on ${ctx.schema}.events is refused`,
    );
    expect(await ctx.store.streamVersion('campaign-f1')).toBe(1);
  });

  it.each([
    ['UPDATE', (s: string) => `UPDATE ${s}.events SET data = '{}'`],
    ['DELETE', (s: string) => `DELETE FROM ${s}.events`],
    ['TRUNCATE', (s: string) => `TRUNCATE ${s}.events`],
  ])('grants the application role no %s at all', async (_operation, statement) => {
    const client = await ctx.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL ROLE ${APP_ROLE}`);
      await expect(client.query(statement(ctx.schema))).rejects.toThrow(`permission denied for table events`);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('lets the application role append and read', async () => {
    const client = await ctx.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL ROLE ${APP_ROLE}`);
      await ctx.store.append('campaign-f2', [{ type: 'CampaignDrafted', data: {} }], 'no_stream', { client });
      expect(await ctx.store.readStream('campaign-f2', { client })).toHaveLength(1);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

describe('verifying the hash chain', () => {
  let ctx: Awaited<ReturnType<typeof openTestStore>>;
  beforeAll(async () => {
    ctx = await openTestStore();
    for (const id of ['g1', 'g2']) {
      await ctx.store.append(
        `pledge-${id}`,
        [1, 2, 3, 4].map((n) => ({ type: 'PledgeStep', data: { n, amount: { amount: 1000 * n, currency: 'EUR' } } })),
        'no_stream',
      );
    }
  });
  afterAll(() => ctx.dispose());

  /** Changes history the way only a superuser could: with the triggers switched off. */
  const behindTheTriggersBack = async (statement: string): Promise<void> => {
    const client = await ctx.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(statement);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };

  it('finds an intact log intact', async () => {
    expect(await ctx.store.verify()).toEqual({ ok: true, eventsChecked: 8 });
    expect(await ctx.store.verify('pledge-g1')).toEqual({ ok: true, eventsChecked: 4 });
  });

  it('reports the first altered event of a stream', async () => {
    await behindTheTriggersBack(
      `UPDATE ${ctx.schema}.events SET data = jsonb_set(data, '{amount,amount}', '1') WHERE stream_id = 'pledge-g1' AND stream_position = 3`,
    );
    const report = await ctx.store.verify('pledge-g1');
    expect(report).toMatchObject({
      ok: false,
      eventsChecked: 4,
      firstBrokenLink: { streamId: 'pledge-g1', streamPosition: 3, reason: 'hash_mismatch' },
    });
    expect((await ctx.store.verify()).firstBrokenLink?.streamId).toBe('pledge-g1');
    expect(await ctx.store.verify('pledge-g2')).toEqual({ ok: true, eventsChecked: 4 });
  });

  it('reports an event removed from a stream', async () => {
    await behindTheTriggersBack(`DELETE FROM ${ctx.schema}.events WHERE stream_id = 'pledge-g2' AND stream_position = 2`);
    expect(await ctx.store.verify('pledge-g2')).toMatchObject({
      ok: false,
      firstBrokenLink: { streamId: 'pledge-g2', streamPosition: 3, reason: 'position_gap' },
    });
  });
});
