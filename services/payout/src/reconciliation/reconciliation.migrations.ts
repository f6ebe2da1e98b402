import type { MigrationSteps } from '@elan/event-store';

/**
 * The reconciliation's record (ADR 0028). `reconciliation_runs`: each run, when, what it checked
 * and its figures. `reconciliation_mismatches`: each disagreement found, open from the run that
 * first saw it (`first_seen_at`) through every run that sees it again (`last_seen_at`) until a run
 * no longer finds it (`resolved_at`); at most one open row per key, so a mismatch that comes back
 * after it was resolved is a new row.
 */
export const reconciliationMigrations: MigrationSteps = (s) => [
  {
    id: 'payout/0002-reconciliation',
    sql: `
      CREATE TABLE ${s}.reconciliation_runs (
        run_id          uuid        PRIMARY KEY,
        started_at      timestamptz NOT NULL,
        finished_at     timestamptz NOT NULL,
        ok              boolean     NOT NULL,
        checked         jsonb       NOT NULL,
        totals          jsonb       NOT NULL,
        campaigns       jsonb       NOT NULL,
        mismatches      integer     NOT NULL
      );
      CREATE INDEX reconciliation_runs_latest ON ${s}.reconciliation_runs (finished_at DESC);
      CREATE TABLE ${s}.reconciliation_mismatches (
        mismatch_id     uuid        PRIMARY KEY,
        key             text        NOT NULL,
        kind            text        NOT NULL,
        campaign_id     text,
        payment_intent_id text,
        streams         jsonb       NOT NULL,
        stripe_objects  jsonb       NOT NULL,
        expected        jsonb,
        actual          jsonb,
        detail          text        NOT NULL,
        first_seen_at   timestamptz NOT NULL,
        first_run_id    uuid        NOT NULL,
        last_seen_at    timestamptz NOT NULL,
        last_run_id     uuid        NOT NULL,
        resolved_at     timestamptz,
        resolved_run_id uuid
      );
      CREATE UNIQUE INDEX reconciliation_mismatches_open ON ${s}.reconciliation_mismatches (key) WHERE resolved_at IS NULL;
      CREATE INDEX reconciliation_mismatches_by_run ON ${s}.reconciliation_mismatches (last_run_id);`,
  },
];
