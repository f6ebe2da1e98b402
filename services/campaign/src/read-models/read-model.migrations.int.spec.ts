import type { DataSource } from 'typeorm';
import { openTestSchema, testDatabaseUrl, type TestSchema } from '@elan/testing';
import { openReadModelDataSource } from './read-model.data-source';

/**
 * The read-model tables are declared by the migrations and mapped by the entities (ADR 0015):
 * TypeORM's own schema builder compares the two. What it may not know is listed, with why.
 */
describe('the read-model migrations and the entities (real PostgreSQL)', () => {
  let database: TestSchema;
  let dataSource: DataSource;
  let schema: string;

  /** What `synchronize` would run against this schema. */
  const changesTypeOrmWants = async (): Promise<string[]> =>
    (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((query) => query.query.replaceAll(`"${schema}".`, ''));

  /**
   * Known to the migrations only: the catalog's partial and full-text indexes (their WHERE
   * clauses and sort orders serve the queries, not the mapping), and the two columns PostgreSQL
   * generates, which the entities read but never write.
   */
  const knownToMigrationsOnly = (query: string): boolean =>
    /^DROP INDEX "read_campaign\w*"$/.test(query) ||
    /"(TEMP_OLD_)?(listed_at|search_vector)"/.test(query) ||
    query.startsWith('DELETE FROM "typeorm_metadata"');

  beforeAll(async () => {
    // The data source opens its own pool; the kit's is only for dropping the schema at the end.
    database = await openTestSchema({ prefix: 'campaign_rmm', poolSize: 1 });
    ({ schema } = database);
    dataSource = await openReadModelDataSource({ url: testDatabaseUrl(), schema, poolSize: 2 });
    database.onDispose(() => dataSource.destroy());
    // TypeORM looks generated columns up in its own table; it stays empty, and only in this test.
    await dataSource.query(
      `CREATE TABLE ${schema}.typeorm_metadata (type varchar NOT NULL, database varchar, schema varchar, "table" varchar, name varchar, value text)`,
    );
  });
  afterAll(() => database.dispose());

  it('agree on every table, column, type, nullability, default and key', async () => {
    const changes = await changesTypeOrmWants();
    expect(changes.filter((query) => !knownToMigrationsOnly(query))).toEqual([]);
    // The exceptions are those the migrations make, no more: eleven indexes, two generated columns.
    expect(changes.filter((query) => query.startsWith('DROP INDEX'))).toHaveLength(11);
  });

  it('notice a column the migrations forgot', async () => {
    await dataSource.query(`ALTER TABLE ${schema}.read_campaign_updates DROP COLUMN body`);
    const changes = await changesTypeOrmWants();
    expect(changes.filter((query) => !knownToMigrationsOnly(query))).toEqual([
      'ALTER TABLE "read_campaign_updates" ADD "body" text NOT NULL',
    ]);
  });
});
