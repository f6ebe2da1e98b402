import { Pool } from 'pg';
import { openTestSchema, testDatabaseUrl } from './test-schema';
import { openTestStore } from './test-store';

describe('a test schema', () => {
  let observer: Pool;
  const schemasNamed = async (names: readonly string[]): Promise<string[]> =>
    (
      await observer.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname = ANY($1) ORDER BY nspname', [
        names,
      ])
    ).rows.map((row) => row.nspname);

  beforeAll(() => {
    observer = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
  });
  afterAll(() => observer.end());

  it('is dropped at dispose with the schemas added beside it, after the cleanups ran last first', async () => {
    const database = await openTestSchema({ prefix: 'kit', create: true });
    const added = await database.addSchema('kit_more');
    await database.pool.query(`CREATE TABLE ${added}.rows (n int)`);
    const ran: string[] = [];
    database.onDispose(() => ran.push('first registered'));
    database.onDispose(() => ran.push('last registered'));
    expect(await schemasNamed([database.schema, added])).toEqual([database.schema, added].sort());

    await database.dispose();

    expect(ran).toEqual(['last registered', 'first registered']);
    expect(await schemasNamed([database.schema, added])).toEqual([]);
  });

  it('gets a name no other test file uses', async () => {
    const [one, two] = await Promise.all([openTestSchema({ prefix: 'kit' }), openTestSchema({ prefix: 'kit' })]);
    expect(one?.schema).toMatch(/^kit_[0-9a-f]{8}$/);
    expect(one?.schema).not.toBe(two?.schema);
    await Promise.all([one?.dispose(), two?.dispose()]);
  });
});

describe('a test store', () => {
  it('is closed before its schema is dropped', async () => {
    let schemaAtClose: number | null = null;
    const ctx = await openTestStore(async (pool, schema) => {
      await pool.query(`CREATE SCHEMA ${schema}`);
      const close = async (): Promise<void> => {
        schemaAtClose = (await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount;
      };
      return { close };
    });
    await ctx.dispose();
    expect(schemaAtClose).toBe(1);
  });

  it('drops its schema and ends its pool when the store does not open', async () => {
    let opened: { pool: Pool; schema: string } | undefined;
    await expect(
      openTestStore(async (pool, schema) => {
        opened = { pool, schema };
        await pool.query(`CREATE SCHEMA ${schema}`);
        throw new Error('the store refused to open');
      }),
    ).rejects.toThrow('the store refused to open');
    expect(opened?.pool.ended).toBe(true);
    const observer = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
    try {
      const { rowCount } = await observer.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [opened?.schema]);
      expect(rowCount).toBe(0);
    } finally {
      await observer.end();
    }
  });
});
