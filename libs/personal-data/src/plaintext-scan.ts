import type { Pool } from 'pg';
import { assertSchemaName } from '@elan/event-store';

export interface PlaintextHit {
  readonly table: string;
  readonly column: string;
  /** Which needle was found (its index in the list given), never the needle itself. */
  readonly needle: number;
  readonly rows: number;
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
}

const quoted = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Looks for the given values in every column of every table of `schema`, as the erasure check
 * of ADR 0022 asks: a string is searched case-insensitively in each column cast to text (text,
 * jsonb, numbers…) and as UTF-8 bytes inside `bytea` columns; a `Buffer` (a key) as bytes in
 * `bytea` columns and as hex or base64 in the text form of the others. Answers where each was found.
 */
export const findInSchema = async (
  pool: Pool,
  schema: string,
  needles: ReadonlyArray<string | Buffer>,
): Promise<PlaintextHit[]> => {
  const s = assertSchemaName(schema);
  const { rows: columns } = await pool.query<ColumnRow>(
    `SELECT c.table_name, c.column_name, c.data_type
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name, c.ordinal_position`,
    [s],
  );
  const hits: PlaintextHit[] = [];
  for (const column of columns) {
    const target = `${s}.${quoted(column.table_name)}`;
    const col = quoted(column.column_name);
    const isBytea = column.data_type === 'bytea';
    for (const [index, needle] of needles.entries()) {
      const texts =
        typeof needle === 'string' ? [needle] : [needle.toString('hex'), needle.toString('base64'), needle.toString('base64url')];
      const bytes = typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle;
      const { rows } = isBytea
        ? await pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM ${target} WHERE position($1::bytea in ${col}) > 0 OR EXISTS (SELECT 1 FROM unnest($2::text[]) n WHERE strpos(lower(${col}::text), lower(n)) > 0)`,
            [bytes, texts],
          )
        : await pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM ${target} WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) n WHERE strpos(lower(${col}::text), lower(n)) > 0)`,
            [texts],
          );
      const found = Number(rows[0]?.n ?? 0);
      if (found > 0) hits.push({ table: column.table_name, column: column.column_name, needle: index, rows: found });
    }
  }
  return hits;
};
