import { waitUntil } from '@elan/testing';
import { LOG_START } from '../src';
import { statementsFor } from '../src/statements';
import { openTestStore } from './test-database';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Sort Key'?: string[];
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

describe('reading the global log', () => {
  let ctx: Awaited<ReturnType<typeof openTestStore>>;
  beforeAll(async () => {
    ctx = await openTestStore();
    for (let i = 0; i < 50; i++) await ctx.store.append(`campaign-r${i % 5}`, [{ type: 'Step', data: { i } }], 'any');
  });
  afterAll(() => ctx.dispose());

  it('orders by the numeric transaction id through the log-order key, never by its text', async () => {
    // Transaction ids sorted as text put '100' before '99': a subscriber resuming from a
    // numeric position would then skip events. The plan must read the xid8 column's index.
    const client = await ctx.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const readAll = statementsFor(ctx.schema)
        .readAll.replace('$1::xid8', "'0'::xid8")
        .replace('$2::bigint', '0')
        .replace('$3', '100');
      const explained = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${readAll}`);
      const plan = nodes(explained.rows[0]?.['QUERY PLAN'][0]?.Plan as PlanNode);
      expect(plan.flatMap((n) => n['Sort Key'] ?? []).filter((key) => key.includes('text'))).toEqual([]);
      expect(plan.some((n) => n['Index Name'] === 'events_pkey')).toBe(true);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('pages through every event in numeric transaction order', async () => {
    const seen: Array<[bigint, number]> = [];
    let after = LOG_START;
    // Another test's open transaction may hold events back for a while (that is the guard at
    // work): keep paging until all 50 are through.
    await waitUntil(
      async () => {
        for (;;) {
          const page = await ctx.store.readAll(after, 7);
          const last = page[page.length - 1];
          if (!last) return seen.length >= 50;
          seen.push(...page.map((e): [bigint, number] => [BigInt(e.transactionId), e.globalPosition]));
          after = { transactionId: last.transactionId, globalPosition: last.globalPosition };
        }
      },
      { timeoutMs: 30_000, description: 'all 50 events read' },
    );
    expect(seen).toHaveLength(50);
    const sorted = [...seen].sort(([ta, pa], [tb, pb]) => (ta === tb ? pa - pb : ta < tb ? -1 : 1));
    expect(seen).toEqual(sorted);
  });
});
