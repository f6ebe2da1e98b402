import { PostgresEventStore } from '@elan/event-store';
import { openTestStore, type TestStore } from '@elan/testing';
import { readHeads, readStreamPage, streamPageSql, type StreamPageSelection } from '../src';

/** Streams of the `order-` category with a `Paid` event are in the pages; the others are not. */
const PAID_ORDERS: StreamPageSelection = { prefix: 'order-', selectedBy: `type = 'Paid'` };

describe('reading a page of streams with their heads', () => {
  let ctx: TestStore<PostgresEventStore>;

  beforeAll(async () => {
    ctx = await openTestStore((pool, schema) => PostgresEventStore.open(pool, { schema }), { prefix: 'pages' });
    const steps = (types: readonly string[]) => types.map((type, i) => ({ type, data: { type, i } }));
    // Appended out of id order: the pages follow the ids, compared byte by byte ('B' before 'a').
    await ctx.store.append('order-c', steps(['Placed', 'Paid', 'Refunded']), 'no_stream');
    await ctx.store.append('order-a', steps(['Placed', 'Paid']), 'no_stream');
    await ctx.store.append('order-B', steps(['Placed', 'Paid', 'Noted']), 'no_stream');
    await ctx.store.append('order-b', steps(['Placed']), 'no_stream');
    await ctx.store.append('orderx-a', steps(['Paid']), 'no_stream');
    await ctx.store.append('refund-a', steps(['Paid']), 'no_stream');
  });
  afterAll(() => ctx.dispose());

  it('pages through the selected streams in byte order, each with its head, until a short page', async () => {
    const heads = await readHeads(ctx.pool, ctx.schema, { streamIds: ['order-B', 'order-a', 'order-c'] });
    const headOf = (streamId: string) => heads.find((head) => head.streamId === streamId);

    const first = await readStreamPage(ctx.pool, ctx.schema, PAID_ORDERS, { limit: 2 });
    expect(first.streams.map(({ id, head }) => [id, head])).toEqual([
      ['B', headOf('order-B')],
      ['a', headOf('order-a')],
    ]);
    expect(first.next).toBe('a');

    const second = await readStreamPage(ctx.pool, ctx.schema, PAID_ORDERS, { after: first.next, limit: 2 });
    expect(second.streams.map(({ id, head }) => [id, head])).toEqual([['c', headOf('order-c')]]);
    expect(second.next).toBeNull();
    // A full last page says there may be more; the page after it is empty.
    const exact = await readStreamPage(ctx.pool, ctx.schema, PAID_ORDERS, { after: 'a', limit: 1 });
    expect(exact.next).toBe('c');
    await expect(readStreamPage(ctx.pool, ctx.schema, PAID_ORDERS, { after: 'c', limit: 1 })).resolves.toEqual({
      streams: [],
      next: null,
    });
  });

  it('reads the data of every event, or of the types asked for only, in stream order', async () => {
    const all = await readStreamPage(ctx.pool, ctx.schema, PAID_ORDERS, { after: 'a', limit: 1 });
    expect(all.streams[0]?.events).toEqual([
      { type: 'Placed', data: { type: 'Placed', i: 0 } },
      { type: 'Paid', data: { type: 'Paid', i: 1 } },
      { type: 'Refunded', data: { type: 'Refunded', i: 2 } },
    ]);

    const some = await readStreamPage(ctx.pool, ctx.schema, PAID_ORDERS, { after: 'a', limit: 1, dataOf: ['Refunded', 'Paid'] });
    expect(some.streams[0]?.events).toEqual([
      { type: 'Paid', data: { type: 'Paid', i: 1 } },
      { type: 'Refunded', data: { type: 'Refunded', i: 2 } },
    ]);
    // The head is the stream's last event, whether its data was read or not.
    expect(some.streams[0]?.head.position).toBe(3);
  });

  it('refuses a prefix it could not splice into the SQL as it is', () => {
    for (const prefix of ["order'-", 'order%', '']) {
      expect(() => streamPageSql(ctx.schema, { ...PAID_ORDERS, prefix })).toThrow(RangeError);
    }
  });
});
