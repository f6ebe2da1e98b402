/**
 * Élan's own store, `PostgresEventStore` from `@elan/event-store`, used as a command handler
 * uses it: `append(stream, events, expected)` with `'no_stream'` for a new stream and the
 * returned `nextExpectedVersion` after that; `readAll(after, limit)` from `LOG_START`.
 */
import { LOG_START, PostgresEventStore, logPositionOf } from '@elan/event-store';
import type { AdapterSession, EventStoreAdapter } from '../adapter';
import { newPool } from '../database';

export const ELAN_SCHEMA = 'bench_elan';

export function elanAdapter(url: string): EventStoreAdapter {
  return {
    name: 'ours',
    async prepare() {
      const pool = newPool(url, 1);
      try {
        const store = await PostgresEventStore.open(pool, { schema: ELAN_SCHEMA });
        await store.close();
      } finally {
        await pool.end();
      }
    },
    async connect(connections): Promise<AdapterSession> {
      const pool = newPool(url, connections);
      const store = await PostgresEventStore.open(pool, { schema: ELAN_SCHEMA });
      return {
        async append(streamId, events, version) {
          const result = await store.append(streamId, events, version === 0 ? 'no_stream' : version);
          return result.nextExpectedVersion;
        },
        async *readAll(pageSize) {
          let after = LOG_START;
          for (;;) {
            const page = await store.readAll(after, pageSize);
            if (page.length > 0) yield page.length;
            const last = page.at(-1);
            if (!last || page.length < pageSize) return;
            after = logPositionOf(last);
          }
        },
        async close() {
          await store.close();
          await pool.end();
        },
      };
    },
  };
}

/** False while `@elan/event-store` does not export the store yet (it is being written). */
export function elanStoreAvailable(): boolean {
  return typeof (PostgresEventStore as unknown) === 'function';
}
