import type { Pool } from 'pg';
import { openTestSchema, type TestSchema } from '@elan/testing';
import { runMigrations, type MigrationSteps } from '../src';

describe('the migration runner (real PostgreSQL)', () => {
  let database: TestSchema;
  let pool: Pool;
  let schema: string;

  const applied = async (): Promise<string[]> =>
    (await pool.query<{ id: string }>(`SELECT id FROM ${schema}.schema_migrations ORDER BY applied_at, id`)).rows.map(
      (row) => row.id,
    );
  const schemaExists = async (): Promise<boolean> =>
    (await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount === 1;

  // Two libraries' steps; neither is idempotent, so running one twice would fail.
  const notes: MigrationSteps = (s) => [
    { id: 'notes/0001-table', sql: `CREATE TABLE ${s}.notes (id integer PRIMARY KEY)` },
    { id: 'notes/0002-text', sql: `ALTER TABLE ${s}.notes ADD COLUMN text text NOT NULL DEFAULT ''` },
  ];
  const tags: MigrationSteps = (s) => [
    { id: 'tags/0001-table', sql: `CREATE TABLE ${s}.tags (note_id integer REFERENCES ${s}.notes (id))` },
  ];

  // Not made yet: the runner makes it (or, when a step fails, leaves it unmade).
  beforeEach(async () => {
    database = await openTestSchema({ prefix: 'runner', poolSize: 8 });
    ({ pool, schema } = database);
  });
  afterEach(() => database.dispose());

  it('applies every library’s steps in the order given, once', async () => {
    await runMigrations(pool, schema, [notes, tags]);
    await runMigrations(pool, schema, [notes, tags]);
    expect(await applied()).toEqual(['notes/0001-table', 'notes/0002-text', 'tags/0001-table']);
  });

  it('applies only the steps added since the last start', async () => {
    await runMigrations(pool, schema, [notes]);
    await runMigrations(pool, schema, [notes, tags]);
    await pool.query(`INSERT INTO ${schema}.notes (id) VALUES (1); INSERT INTO ${schema}.tags (note_id) VALUES (1)`);
    expect(await applied()).toEqual(['notes/0001-table', 'notes/0002-text', 'tags/0001-table']);
  });

  it('lets replicas that start together queue on the schema’s lock: each step runs once', async () => {
    await Promise.all(Array.from({ length: 6 }, () => runMigrations(pool, schema, [notes, tags])));
    expect(await applied()).toEqual(['notes/0001-table', 'notes/0002-text', 'tags/0001-table']);
  });

  it('applies all or nothing: a failing step leaves no table and no record behind', async () => {
    const broken: MigrationSteps = (s) => [{ id: 'broken/0001', sql: `CREATE TABLE ${s}.nope (id no_such_type)` }];
    await expect(runMigrations(pool, schema, [notes, broken])).rejects.toThrow(/no_such_type/);
    expect(await schemaExists()).toBe(false);
  });

  it('refuses two steps with one id before touching the database', async () => {
    const clash: MigrationSteps = (s) => [{ id: 'notes/0001-table', sql: `CREATE TABLE ${s}.other (id integer)` }];
    await expect(runMigrations(pool, schema, [notes, clash])).rejects.toThrow(/"notes\/0001-table" is given twice/);
    expect(await schemaExists()).toBe(false);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(runMigrations(pool, 'x; DROP TABLE y', [notes])).rejects.toThrow(/must match/);
  });
});
