/**
 * Emmett's PostgreSQL event store (`@event-driven-io/emmett-postgresql`), used as its docs show:
 * `getPostgreSQLEventStore(connectionString, …)`, `appendToStream(stream, events,
 * { expectedStreamVersion })`. Each append is BEGIN, `SELECT emt_append_to_stream(…)` (plpgsql:
 * insert or update the stream row, then insert the messages), COMMIT: three round trips.
 *
 * The store has no global read. Its consumers page the log with the exported
 * `readMessagesBatch(executor, { after, batchSize })` (guarded by
 * `transaction_id < pg_snapshot_xmin(pg_current_snapshot())`, ordered by
 * `(transaction_id, global_position)`), so the read workload calls exactly that.
 */
import { Pool } from 'pg';
import { getPostgreSQLEventStore, readMessagesBatch, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import type { AdapterSession, EventStoreAdapter } from '../adapter';
import { freezeTypeParsers, guarded } from '../database';

type Executor = Parameters<typeof readMessagesBatch>[0];

export function emmettAdapter(url: string): EventStoreAdapter {
  /** Emmett's own pool, sized like the others (left to itself it would hold pg's default 10). */
  const open = (pool: Pool, migrate: boolean): PostgresEventStore => {
    freezeTypeParsers(); // Emmett's first pool swaps pg's global int8/json parsers
    return getPostgreSQLEventStore(url, {
      connectionOptions: { pool },
      schema: { autoMigration: migrate ? 'CreateOrUpdate' : 'None' },
    });
  };

  return {
    name: 'emmett',
    async prepare() {
      const pool = guarded(new Pool({ connectionString: url, max: 2 }));
      const store = open(pool, true);
      try {
        await store.schema.migrate();
      } finally {
        await store.close();
        await pool.end();
      }
    },
    async connect(connections): Promise<AdapterSession> {
      const pool = guarded(new Pool({ connectionString: url, max: connections }));
      const store = open(pool, false);
      const executor = executorOver(pool);
      return {
        async append(streamId, events, version) {
          const result = await store.appendToStream(streamId, [...events], {
            // 0n is Emmett's real "no stream" check (it inserts the stream row; a duplicate
            // fails on the key). Its STREAM_DOES_NOT_EXIST constant disables the check.
            expectedStreamVersion: BigInt(version),
          });
          return Number(result.nextExpectedStreamVersion);
        },
        async *readAll(pageSize) {
          let after = 0n;
          for (;;) {
            const batch = await readMessagesBatch(executor, { after, batchSize: pageSize });
            if (batch.messages.length > 0) yield batch.messages.length;
            if (!batch.areMessagesLeft) return;
            after = batch.currentGlobalPosition;
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

/** What Emmett's driver does for a query on a pooled connection: `client.query(sql)`. */
function executorOver(pool: Pool): Executor {
  const run = async (sql: string) => {
    const { rowCount, rows } = await pool.query(sql);
    return { rowCount, rows };
  };
  const runAll = async (sqls: string[]) => {
    const results = [];
    for (const sql of sqls) results.push(await run(sql));
    return results;
  };
  const executor = { query: run, command: run, batchQuery: runAll, batchCommand: runAll };
  return executor as unknown as Executor;
}
