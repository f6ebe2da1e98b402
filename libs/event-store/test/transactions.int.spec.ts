import type { PoolClient } from 'pg';
import { openTestSchema, type TestSchema } from '@elan/testing';
import { inTransaction } from '../src';

/** The one transaction helper: what it commits, what it rolls back, and the snapshot a read asks for. */
describe('inTransaction', () => {
  let db: TestSchema;

  beforeAll(async () => {
    db = await openTestSchema({ prefix: 'es_tx', poolSize: 3, create: true });
    await db.pool.query(`CREATE TABLE ${db.schema}.notes (text text NOT NULL)`);
  });
  afterAll(() => db?.dispose());

  const notes = async (): Promise<string[]> =>
    (await db.pool.query<{ text: string }>(`SELECT text FROM ${db.schema}.notes ORDER BY text`)).rows.map((row) => row.text);
  const write = (text: string) => db.pool.query(`INSERT INTO ${db.schema}.notes (text) VALUES ($1)`, [text]);
  const count = async (client: PoolClient): Promise<number> =>
    Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${db.schema}.notes`)).rows[0]?.n);

  it('commits what the work wrote when it resolves, and rolls it all back when it throws', async () => {
    await inTransaction(db.pool, (client) => client.query(`INSERT INTO ${db.schema}.notes (text) VALUES ('kept')`));
    await expect(
      inTransaction(db.pool, async (client) => {
        await client.query(`INSERT INTO ${db.schema}.notes (text) VALUES ('lost')`);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');

    expect(await notes()).toEqual(['kept']);
  });

  it('reads one snapshot in repeatable read, where read committed sees each commit', async () => {
    const seen = async (isolation: 'read committed' | 'repeatable read') =>
      inTransaction(
        db.pool,
        async (client) => {
          const before = await count(client);
          await write(`during ${isolation}`);
          return { before, after: await count(client) };
        },
        { isolation },
      );

    const committed = await seen('read committed');
    expect(committed.after).toBe(committed.before + 1);
    const snapshot = await seen('repeatable read');
    expect(snapshot.after).toBe(snapshot.before);
  });

  it('refuses a write in a read-only transaction, and keeps nothing of it', async () => {
    const before = await notes();

    await expect(
      inTransaction(db.pool, (client) => client.query(`INSERT INTO ${db.schema}.notes (text) VALUES ('refused')`), {
        readOnly: true,
      }),
    ).rejects.toMatchObject({ code: '25006' });

    expect(await notes()).toEqual(before);
  });
});
