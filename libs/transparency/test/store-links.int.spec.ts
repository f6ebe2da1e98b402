import { PostgresEventStore } from '@elan/event-store';
import { openTestStore, type TestStore } from '@elan/testing';
import { readHeads, readLinks } from '../src';

describe('reading heads and links from an event store', () => {
  let ctx: TestStore<PostgresEventStore>;
  const hashesOf = async (streamId: string): Promise<string[]> =>
    (
      await ctx.pool.query<{ hash: string }>(
        `SELECT encode(hash, 'hex') AS hash FROM ${ctx.schema}.events WHERE stream_id = $1 ORDER BY stream_position`,
        [streamId],
      )
    ).rows.map((row) => row.hash);

  beforeAll(async () => {
    ctx = await openTestStore((pool, schema) => PostgresEventStore.open(pool, { schema }), { prefix: 'transp' });
    const steps = (types: readonly string[]) => types.map((type) => ({ type, data: { type } }));
    await ctx.store.append('pledge-b', steps(['PledgePlaced', 'PledgeCommitted', 'PledgeCollected']), 'no_stream');
    await ctx.store.append('pledge-a_1', steps(['PledgePlaced']), 'no_stream');
    await ctx.store.append('pledge-ab1', steps(['PledgePlaced', 'PledgeCommitted']), 'no_stream');
    await ctx.store.append('tip-a', steps(['TipOffered', 'TipPaid']), 'no_stream');
    await ctx.store.append('pledgeextra-1', steps(['Other']), 'no_stream');
    await ctx.store.append('campaign-1', steps(['CampaignDrafted']), 'no_stream');
  });
  afterAll(() => ctx.dispose());

  it('reads the heads of every stream of the given categories, sorted by stream id, hashes in lowercase hex', async () => {
    const heads = await readHeads(ctx.pool, ctx.schema, { prefixes: ['pledge-', 'tip-'] });
    expect(heads).toEqual([
      { streamId: 'pledge-a_1', position: 1, hash: (await hashesOf('pledge-a_1'))[0] },
      { streamId: 'pledge-ab1', position: 2, hash: (await hashesOf('pledge-ab1'))[1] },
      { streamId: 'pledge-b', position: 3, hash: (await hashesOf('pledge-b'))[2] },
      { streamId: 'tip-a', position: 2, hash: (await hashesOf('tip-a'))[1] },
    ]);
    for (const head of heads) expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes a prefix literally: LIKE wildcards in it match only themselves', async () => {
    const heads = await readHeads(ctx.pool, ctx.schema, { prefixes: ['pledge-a_'] });
    expect(heads.map((head) => head.streamId)).toEqual(['pledge-a_1']);
    await expect(readHeads(ctx.pool, ctx.schema, { prefixes: [''] })).rejects.toThrow('a stream prefix must not be empty');
    expect(await readHeads(ctx.pool, ctx.schema, { prefixes: [] })).toEqual([]);
  });

  it('reads the heads of given streams, skipping those without events', async () => {
    const heads = await readHeads(ctx.pool, ctx.schema, { streamIds: ['tip-a', 'campaign-1', 'pledge-none'] });
    expect(heads.map(({ streamId, position }) => [streamId, position])).toEqual([
      ['campaign-1', 1],
      ['tip-a', 2],
    ]);
    expect(await readHeads(ctx.pool, ctx.schema, { streamIds: [] })).toEqual([]);
  });

  it('refuses a schema name it would not splice into SQL', async () => {
    await expect(readHeads(ctx.pool, 'x; DROP TABLE y', { streamIds: ['tip-a'] })).rejects.toThrow('schema name');
    await expect(readLinks(ctx.pool, 'Bad-Schema', 'tip-a')).rejects.toThrow('schema name');
  });

  it('reads the links of a stream from a position, in order, as stored', async () => {
    const all = await readLinks(ctx.pool, ctx.schema, 'pledge-b');
    expect(all.map(({ position, type }) => [position, type])).toEqual([
      [1, 'PledgePlaced'],
      [2, 'PledgeCommitted'],
      [3, 'PledgeCollected'],
    ]);
    expect(all.map((link) => link.hash)).toEqual(await hashesOf('pledge-b'));
    for (const link of all) expect(link.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    expect(await readLinks(ctx.pool, ctx.schema, 'pledge-b', 2)).toEqual(all.slice(1));
    expect(await readLinks(ctx.pool, ctx.schema, 'pledge-b', 2, { toPosition: 2 })).toEqual([all[1]]);
    expect(await readLinks(ctx.pool, ctx.schema, 'pledge-b', 1, { limit: 2 })).toEqual(all.slice(0, 2));
    expect(await readLinks(ctx.pool, ctx.schema, 'pledge-b', 4)).toEqual([]);
  });
});
