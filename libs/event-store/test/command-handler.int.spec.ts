import { ConcurrencyError, IllegalStateError, type Command, type Decider, type DomainEvent } from '@elan/domain-kernel';
import { waitUntil } from '@elan/testing';
import { commandHandler } from '../src';
import { openTestStore } from './test-database';

/** A shelf of jars: the smallest aggregate with a rule (never more than its size). */
type Fill = Command<'Fill', { readonly jars: number }>;
type Filled = DomainEvent<'Filled', { readonly jars: number; readonly total: number }>;
interface Shelf {
  readonly jars: number;
}
const SHELF_SIZE = 30;

const shelves = (): Decider<Fill, Filled, Shelf> & { decisions: number } => {
  const decider = {
    decisions: 0,
    initialState: (): Shelf => ({ jars: 0 }),
    evolve: (_state: Shelf, event: Filled): Shelf => ({ jars: event.data.total }),
    decide: (command: Fill, state: Shelf): Filled[] => {
      decider.decisions += 1;
      if (command.data.jars === 0) return [];
      const total = state.jars + command.data.jars;
      if (total > SHELF_SIZE) throw new IllegalStateError('the shelf is full');
      return [{ type: 'Filled', data: { jars: command.data.jars, total } }];
    },
  };
  return decider;
};

const fill = (jars: number, metadata?: Fill['metadata']): Fill => ({
  type: 'Fill',
  data: { jars },
  ...(metadata && { metadata }),
});

describe('a command handler built from a decider', () => {
  let ctx: Awaited<ReturnType<typeof openTestStore>>;
  beforeAll(async () => {
    ctx = await openTestStore({}, 25);
  });
  afterAll(() => ctx.dispose());

  let shelfCount = 0;
  const aShelf = () => `shelf-${++shelfCount}`;
  const handlerOf = (decider = shelves(), maxAttempts?: number) =>
    commandHandler(ctx.store, decider, { streamOf: (id: string) => `shelf-${id}`, ...(maxAttempts && { maxAttempts }) });

  it('appends what the decider decides, stamped with the command’s metadata, and folds it back', async () => {
    const handler = handlerOf();
    const id = aShelf();

    const first = await handler.handle(id, fill(2, { correlationId: 'corr-1', actor: 'holder-1' }));
    const second = await handler.handle(id, fill(3), { actor: 'scheduler', causationId: 'cause-2' });

    expect(first).toEqual({ newEvents: [{ type: 'Filled', data: { jars: 2, total: 2 } }], state: { jars: 2 }, version: 1 });
    expect(second.state).toEqual({ jars: 5 });
    expect(second.version).toBe(2);
    expect(await handler.load(id)).toEqual({ state: { jars: 5 }, version: 2 });
    const recorded = await ctx.store.readStream(`shelf-${id}`);
    expect(recorded.map((event) => event.metadata)).toEqual([
      { correlationId: 'corr-1', actor: 'holder-1' },
      { actor: 'scheduler', causationId: 'cause-2' },
    ]);
  });

  it('appends nothing for a decision that changes nothing, and lets the decider’s errors through', async () => {
    const handler = handlerOf();
    const id = aShelf();
    await handler.handle(id, fill(SHELF_SIZE));

    expect(await handler.handle(id, fill(0))).toEqual({ newEvents: [], state: { jars: SHELF_SIZE }, version: 1 });
    await expect(handler.handle(id, fill(1))).rejects.toThrow(IllegalStateError);
    expect((await handler.load(id)).version).toBe(1);
  });

  it('applies several commands in turn with one append, each decided on what the previous left', async () => {
    const handler = handlerOf();
    const id = aShelf();
    await handler.handle(id, fill(4));

    const seen: number[] = [];
    const result = await handler.handleAll(id, (state) => {
      seen.push(state.jars);
      return [
        { command: fill(5), metadata: { actor: 'holder-1' } },
        { command: fill(0) },
        { command: fill(6, { correlationId: 'corr-3' }), metadata: { actor: 'scheduler' } },
      ];
    });

    expect(seen).toEqual([4]);
    expect(result).toEqual({
      newEvents: [
        { type: 'Filled', data: { jars: 5, total: 9 } },
        { type: 'Filled', data: { jars: 6, total: 15 } },
      ],
      state: { jars: 15 },
      version: 3,
    });
    const recorded = await ctx.store.readStream(`shelf-${id}`);
    expect(recorded.map((event) => [event.streamPosition, event.metadata])).toEqual([
      [1, {}],
      [2, { actor: 'holder-1' }],
      [3, { correlationId: 'corr-3', actor: 'scheduler' }],
    ]);
    // One append: both events share the transaction that recorded them.
    expect(recorded[1]?.transactionId).toBe(recorded[2]?.transactionId);
    expect(recorded[0]?.transactionId).not.toBe(recorded[1]?.transactionId);
  });

  it('appends none of the commands when one of them is refused', async () => {
    const handler = handlerOf();
    const id = aShelf();

    await expect(handler.handleAll(id, () => [{ command: fill(20) }, { command: fill(SHELF_SIZE) }])).rejects.toThrow(
      IllegalStateError,
    );
    expect(await handler.load(id)).toEqual({ state: { jars: 0 }, version: 0 });
    expect(await handler.handleAll(id, () => [])).toEqual({ newEvents: [], state: { jars: 0 }, version: 0 });
  });

  /**
   * Writer A appends in a transaction left open; writer B reads the stream without A's event and
   * its append waits on A's row. A commits: B's append conflicts, B decides again on the fresh
   * state and appends after A. Forced in that order, no timing involved.
   */
  const raceAgainstAnOpenTransaction = async (maxAttempts: number) => {
    const decider = shelves();
    const handler = handlerOf(decider, maxAttempts);
    const id = aShelf();
    const a = await ctx.pool.connect();
    try {
      await a.query('BEGIN');
      await handler.handle(id, fill(1), {}, a);
      const b = handler.handle(id, fill(2));
      b.catch(() => undefined); // awaited below, after A commits
      await waitUntil(
        async () => {
          const { rows } = await ctx.pool.query<{ waiting: number }>(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%${ctx.schema}.events%'`,
          );
          return (rows[0]?.waiting ?? 0) > 0 || undefined;
        },
        { timeoutMs: 10_000, intervalMs: 10, description: 'B waits on A’s uncommitted append' },
      );
      await a.query('COMMIT');
      return { b, decider, handler, id };
    } finally {
      a.release();
    }
  };

  it('decides again on the fresh state when another writer appended first', async () => {
    const { b, decider, handler, id } = await raceAgainstAnOpenTransaction(3);

    expect(await b).toMatchObject({ state: { jars: 3 }, version: 2 });
    expect(decider.decisions).toBe(3); // A once, B twice
    expect(await handler.load(id)).toEqual({ state: { jars: 3 }, version: 2 });
  });

  it('gives up after its last attempt with the conflict', async () => {
    const { b } = await raceAgainstAnOpenTransaction(1);

    await expect(b).rejects.toThrow(ConcurrencyError);
  });

  it('queues writers of a locked stream instead of letting them conflict', async () => {
    const handler = handlerOf(shelves(), 1);
    const id = aShelf();

    const versions = await Promise.all(
      Array.from({ length: 20 }, () => handler.locked(id, async ({ handle }) => (await handle(fill(1))).version)),
    );

    expect([...versions].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await handler.load(id)).toEqual({ state: { jars: 20 }, version: 20 });
  });
});
