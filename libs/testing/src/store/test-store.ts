import type { Pool } from 'pg';
import { openTestSchema, type TestSchema, type TestSchemaOptions } from './test-schema';

/** A store (anything closed at the end) opened in a schema of its own. */
export interface TestStore<S> extends TestSchema {
  readonly store: S;
}

/**
 * Opens a store in a fresh schema; dispose closes it, then drops the schema. The kit takes the
 * opener rather than importing `@elan/event-store`, whose own tests use the kit (Nx forbids the
 * cycle):
 *
 * ```ts
 * const ctx = await openTestStore((pool, schema) => PostgresEventStore.open(pool, { schema }));
 * ```
 */
export const openTestStore = async <S extends { close(): Promise<void> }>(
  open: (pool: Pool, schema: string) => Promise<S>,
  options: TestSchemaOptions = {},
): Promise<TestStore<S>> => {
  const database = await openTestSchema({ prefix: 'es_test', ...options });
  try {
    const store = await open(database.pool, database.schema);
    database.onDispose(() => store.close());
    return { ...database, store };
  } catch (error) {
    await database.dispose();
    throw error;
  }
};
