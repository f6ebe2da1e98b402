import type { Pool } from 'pg';
import type { Statements } from './statements';

export interface BrokenLink {
  readonly streamId: string;
  readonly streamPosition: number;
  readonly globalPosition: number;
  /** `hash_mismatch`: the event or its predecessor was altered; `position_gap`: one is missing. */
  readonly reason: 'hash_mismatch' | 'position_gap';
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly firstBrokenLink?: BrokenLink;
}

interface VerifyRow {
  checked: string;
  stream_id: string | null;
  stream_position: string | null;
  global_position: string | null;
  expected_position: string | null;
  hash_holds: boolean | null;
}

export const verifyChain = async (pool: Pool, sql: Statements, streamId?: string): Promise<VerificationReport> => {
  const oneStream = streamId !== undefined;
  const result = await pool.query<VerifyRow>(sql.verify(oneStream), oneStream ? [streamId] : []);
  const row = result.rows[0];
  const eventsChecked = Number(row?.checked ?? 0);
  if (!row || row.stream_id === null) return { ok: true, eventsChecked };
  return {
    ok: false,
    eventsChecked,
    firstBrokenLink: {
      streamId: row.stream_id,
      streamPosition: Number(row.stream_position),
      globalPosition: Number(row.global_position),
      reason: row.stream_position !== row.expected_position ? 'position_gap' : 'hash_mismatch',
    },
  };
};
