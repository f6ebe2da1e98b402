import type { Pool } from 'pg';

/** Which event to alter, and how: the first of its type in the stream, one JSON field set to a value. */
export interface EventAlteration {
  readonly streamId: string;
  readonly type: string;
  /** The field's path in the event's data, such as `['amount', 'amount']`. */
  readonly path: readonly string[];
  readonly value: unknown;
}

/**
 * What only the database's owner can do, for a test of the hash chains: the append-only trigger
 * off for one transaction (`session_replication_role = replica`), one event's data changed, its
 * hash left as it was. Answers where the altered event stands; throws when the stream holds no
 * event of that type.
 */
export const alterEventBehindTheStore = async (
  pool: Pool,
  schema: string,
  { streamId, type, path, value }: EventAlteration,
): Promise<{ position: number; globalPosition: number }> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    const { rows } = await client.query<{ stream_position: string; global_position: string }>(
      `UPDATE ${schema}.events SET data = jsonb_set(data, $3::text[], $4::jsonb)
       WHERE stream_id = $1 AND type = $2 AND stream_position = (
         SELECT min(stream_position) FROM ${schema}.events WHERE stream_id = $1 AND type = $2)
       RETURNING stream_position, global_position`,
      [streamId, type, path, JSON.stringify(value)],
    );
    const [row] = rows;
    if (!row) throw new Error(`no ${type} in ${streamId} to alter`);
    await client.query('COMMIT');
    return { position: Number(row.stream_position), globalPosition: Number(row.global_position) };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
};

/** The plan PostgreSQL picks for `sql` when it may not scan a table: an index it cannot use for the filter is absent. */
export const planWithoutSeqScan = async (pool: Pool, sql: string, values: readonly unknown[]): Promise<string> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, [...values]);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
};
