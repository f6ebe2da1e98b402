import type { PoolClient } from 'pg';
import type { MigrationSteps } from '@elan/event-store';

/**
 * What the scheduler knows how to do: launch a campaign at its start, close it at its deadline
 * (ADR 0008), release a tier hold that lapsed (ADR 0007). A new kind is added here first.
 */
export const SCHEDULED_KINDS = ['launch', 'close', 'expire-hold'] as const;
export type ScheduledKind = (typeof SCHEDULED_KINDS)[number];

export const isScheduledKind = (kind: string): kind is ScheduledKind => (SCHEDULED_KINDS as readonly string[]).includes(kind);

export interface ScheduledCommand {
  readonly id: string;
  readonly kind: ScheduledKind;
  /** The aggregate the command is for. */
  readonly subjectId: string;
  readonly dueAt: Date;
  readonly attempts: number;
}

/**
 * The table behind the durable scheduler, in the service's schema. A row per command to run at
 * a time; (kind, subject) is unique so scheduling again moves the time instead of doubling it.
 * `IF NOT EXISTS`: schemas made before the one runner (ADR 0015) have the table already.
 */
export const scheduleMigrations: MigrationSteps = (s) => [
  {
    id: 'scheduler/0001-scheduled-commands',
    sql: `
      CREATE TABLE IF NOT EXISTS ${s}.scheduled_commands (
        id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        kind        text        NOT NULL,
        subject_id  text        NOT NULL,
        due_at      timestamptz NOT NULL,
        status      text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'cancelled')),
        attempts    integer     NOT NULL DEFAULT 0,
        last_error  text,
        done_at     timestamptz,
        UNIQUE (kind, subject_id)
      );
      CREATE INDEX IF NOT EXISTS scheduled_commands_due ON ${s}.scheduled_commands (due_at) WHERE status = 'pending';`,
  },
];

/** Schedules (or moves) a command; meant to run in a projection's transaction. */
export const schedule = async (
  client: PoolClient,
  schema: string,
  kind: ScheduledKind,
  subjectId: string,
  dueAt: Date,
): Promise<void> => {
  await client.query(
    `INSERT INTO ${schema}.scheduled_commands (kind, subject_id, due_at) VALUES ($1, $2, $3)
     ON CONFLICT (kind, subject_id) DO UPDATE
       SET due_at = excluded.due_at, status = 'pending', attempts = 0, last_error = NULL, done_at = NULL`,
    [kind, subjectId, dueAt],
  );
};

/** Cancels pending commands of a subject (a cancelled campaign needs no closing). */
export const unschedule = async (
  client: PoolClient,
  schema: string,
  subjectId: string,
  kinds: readonly ScheduledKind[],
): Promise<void> => {
  await client.query(
    `UPDATE ${schema}.scheduled_commands SET status = 'cancelled' WHERE subject_id = $1 AND kind = ANY($2) AND status = 'pending'`,
    [subjectId, kinds],
  );
};
