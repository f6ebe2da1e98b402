/**
 * The floor: what PostgreSQL does on this machine for the same rows with no event-store logic.
 * One prepared INSERT per append (a 10-event append is one multi-row INSERT), no version check,
 * no hash, no transaction id, no secondary index; reads page by the identity key.
 */
import type { AdapterSession, BenchEvent, EventStoreAdapter } from '../adapter';
import { newPool } from '../database';

const TABLE = 'bench_plain.events';
const COLUMNS = 5;

export function plainAdapter(url: string): EventStoreAdapter {
  return {
    name: 'plain',
    async prepare() {
      const pool = newPool(url, 1);
      try {
        await pool.query(`CREATE SCHEMA IF NOT EXISTS bench_plain`);
        await pool.query(`
          CREATE TABLE IF NOT EXISTS ${TABLE} (
            position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            stream_id       text   NOT NULL,
            stream_position bigint NOT NULL,
            type            text   NOT NULL,
            data            jsonb  NOT NULL,
            metadata        jsonb  NOT NULL
          )`);
      } finally {
        await pool.end();
      }
    },
    async connect(connections): Promise<AdapterSession> {
      const pool = newPool(url, connections);
      return {
        async append(streamId, events, version) {
          await pool.query({
            name: `bench_plain_insert_${events.length}`,
            text: insertStatement(events.length),
            values: insertValues(streamId, events, version),
          });
          return version + events.length;
        },
        async *readAll(pageSize) {
          let after = '0';
          for (;;) {
            const { rows } = await pool.query<{ position: string }>({
              name: 'bench_plain_read_all',
              text: `SELECT position, stream_id, stream_position, type, data, metadata
                       FROM ${TABLE} WHERE position > $1 ORDER BY position LIMIT $2`,
              values: [after, pageSize],
            });
            if (rows.length > 0) yield rows.length;
            const last = rows.at(-1);
            if (!last || rows.length < pageSize) return;
            after = last.position;
          }
        },
        close: () => pool.end(),
      };
    },
  };
}

const statements = new Map<number, string>();

function insertStatement(rows: number): string {
  let text = statements.get(rows);
  if (!text) {
    const tuples = Array.from({ length: rows }, (_, r) => {
      const p = r * COLUMNS;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5})`;
    });
    text = `INSERT INTO ${TABLE} (stream_id, stream_position, type, data, metadata) VALUES ${tuples.join(', ')}`;
    statements.set(rows, text);
  }
  return text;
}

function insertValues(streamId: string, events: readonly BenchEvent[], version: number): unknown[] {
  const values: unknown[] = [];
  events.forEach((event, i) => {
    values.push(streamId, version + i + 1, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata));
  });
  return values;
}
