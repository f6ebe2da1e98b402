import { openTestStore as openInTestSchema, type TestStore } from '@elan/testing';
import { PostgresEventStore, type EventStoreOptions } from '../src';

/** An event store on this run's database, in a schema of its own (the kit's `openTestStore`). */
export const openTestStore = (options: Partial<EventStoreOptions> = {}, poolSize = 10): Promise<TestStore<PostgresEventStore>> =>
  openInTestSchema((pool, schema) => PostgresEventStore.open(pool, { schema, ...options }), { poolSize });
