/**
 * Diagnostic for Élan's store: EXPLAIN (ANALYZE, BUFFERS, WAL) of the very statements
 * `PostgresEventStore` sends, captured from its pool, on a fresh database holding 20,000 events.
 * Each statement is PREPAREd and executed six times first, as the store's long-lived prepared
 * statements are, so the plan shown is the one PostgreSQL settles on.
 *
 *   node -r @swc-node/register bench/event-store/explain.ts
 */
import { Client, escapeLiteral, type QueryConfig } from 'pg';
import { LOG_START, PostgresEventStore, logPositionOf } from '@elan/event-store';
import { createBenchDatabase, newPool } from './database';
import { pledgeEvents } from './workload';
import { ELAN_SCHEMA } from './adapters/elan';

const STREAMS = 2_000;
const RUNS_BEFORE_EXPLAIN = 6;

type Captured = { name?: string; text: string; values: unknown[] };

async function main(): Promise<void> {
  const db = await createBenchDatabase();
  const explainer = new Client({ connectionString: db.url });
  try {
    const { pool, capture } = capturingPool(db.url);
    const store = await PostgresEventStore.open(pool, { schema: ELAN_SCHEMA, notifyOtherProcesses: false });
    for (let s = 0; s < STREAMS; s += 8)
      await Promise.all(
        Array.from({ length: 8 }, (_, k) =>
          store.append(`pledge-seed${s + k}`, pledgeEvents(`pledge-seed${s + k}`, 0, 10), 'no_stream'),
        ),
      );
    const page = await store.readAll(LOG_START, STREAMS * 5);
    const middle = page.at(-1);
    if (!middle) throw new Error('the seeded log reads back empty');
    await explainer.connect();
    await explainer.query('ANALYZE');

    const runs = RUNS_BEFORE_EXPLAIN + 1;
    const each = (make: (i: number) => Promise<unknown>) => capture(runs, make);
    const scenarios: Array<[string, Captured[]]> = [
      [
        'append: 1 event, new stream',
        await each((i) => store.append(`pledge-new${i}`, pledgeEvents(`pledge-new${i}`, 0, 1), 'no_stream')),
      ],
      [
        'append: 1 event, stream at version 10',
        await each((i) => store.append(`pledge-seed${i}`, pledgeEvents(`pledge-seed${i}`, 10, 1), 10)),
      ],
      [
        'append: 10 events, stream at version 10',
        await each((i) => store.append(`pledge-seed${100 + i}`, pledgeEvents(`pledge-seed${100 + i}`, 10, 10), 10)),
      ],
      ['readAll: 1,000 events from the start', await each(() => store.readAll(LOG_START, 1000))],
      ['readAll: 1,000 events from the middle', await each(() => store.readAll(logPositionOf(middle), 1000))],
    ];
    for (const [label, statements] of scenarios) {
      process.stdout.write(`\n=== ${label}\n${await explain(explainer, statements)}\n`);
    }
    await store.close();
    await pool.end();
  } finally {
    await explainer.end().catch(() => undefined);
    await db.drop();
  }
}

/**
 * A pool that, while capturing, records what the store asks it to run instead of running it
 * (answering one empty row), so each captured statement can be explained exactly once.
 */
function capturingPool(url: string) {
  const pool = newPool(url, 8);
  const run = pool.query.bind(pool) as (config: QueryConfig) => Promise<unknown>;
  let sink: Captured[] | undefined;
  (pool as unknown as { query: (config: QueryConfig | string, values?: unknown[]) => Promise<unknown> }).query = (
    config,
    values,
  ) => {
    const c: QueryConfig = typeof config === 'string' ? { text: config, values } : config;
    if (!sink) return run(c);
    sink.push({ name: c.name, text: c.text, values: (c.values ?? []) as unknown[] });
    return Promise.resolve({ rows: [{}], rowCount: 1 });
  };
  const capture = async (times: number, make: (i: number) => Promise<unknown>): Promise<Captured[]> => {
    const captured: Captured[] = [];
    sink = captured;
    try {
      for (let i = 0; i < times; i++) await make(i);
    } finally {
      sink = undefined;
    }
    return captured;
  };
  return { pool, capture };
}

async function explain(client: Client, statements: Captured[]): Promise<string> {
  const first = statements[0];
  if (!first) throw new Error('nothing captured');
  const name = `explained_${Math.abs(hash(first.text))}`;
  await client.query(`DEALLOCATE ALL`);
  await client.query(`PREPARE ${name} AS ${first.text}`);
  const executes = statements.map((s) => `EXECUTE ${name}(${s.values.map(literal).join(', ')})`);
  for (const statement of executes.slice(0, -1)) await client.query(statement);
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF) ${executes.at(-1) ?? ''}`,
  );
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return escapeLiteral(`{${value.map(arrayElement).join(',')}}`);
  return escapeLiteral(typeof value === 'string' ? value : JSON.stringify(value));
}

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = typeof value === 'string' ? value : String(value);
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}

main().catch((error: unknown) => {
  process.stderr.write(`explain failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
