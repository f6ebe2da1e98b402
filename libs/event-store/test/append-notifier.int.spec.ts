import { waitUntil } from '@elan/testing';
import { AppendNotifier } from '../src/append-notifier';
import { openTestStore } from './test-database';

/**
 * Two processes on one schema: each wakes its own subscribers directly and the other's through
 * NOTIFY. PostgreSQL delivers a channel's notifications to each listener in the order they were
 * sent, so once A has heard B's notification it has also heard the echo of its own, earlier one.
 */
describe('the append notifier', () => {
  let ctx: Awaited<ReturnType<typeof openTestStore>>;
  beforeAll(async () => {
    ctx = await openTestStore();
  });
  afterAll(() => ctx.dispose());

  it('wakes the other process through NOTIFY, and its own subscribers once, not again for the echo', async () => {
    const a = new AppendNotifier(ctx.pool, ctx.schema, true);
    const b = new AppendNotifier(ctx.pool, ctx.schema, true);
    try {
      const heard = { a: 0, b: 0 };
      await a.listen(() => heard.a++);
      await b.listen(() => heard.b++);

      a.announce();
      expect(heard.a).toBe(1);
      await waitUntil(async () => heard.b === 1 || undefined, { timeoutMs: 10_000, description: 'B hears A’s NOTIFY' });

      b.announce();
      expect(heard.b).toBe(2);
      await waitUntil(async () => heard.a >= 2 || undefined, { timeoutMs: 10_000, description: 'A hears B’s NOTIFY' });

      expect(heard).toEqual({ a: 2, b: 2 });
      // And B, which has heard its own echo by the time A's next NOTIFY reaches it.
      a.announce();
      await waitUntil(async () => heard.b >= 3 || undefined, { timeoutMs: 10_000, description: 'B hears A’s second NOTIFY' });
      expect(heard).toEqual({ a: 3, b: 3 });
    } finally {
      await a.close();
      await b.close();
    }
  });
});
