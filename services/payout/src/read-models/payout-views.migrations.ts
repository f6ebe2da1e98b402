import type { MigrationSteps } from '@elan/event-store';

/**
 * The payout service's views beside its log, each row written in the transaction that appends the
 * events it shows. `payout_campaigns`: a campaign's ledger in figures, and when its next statement
 * is due (`draw_due_at`, read by the statement worker). `statements`: every statement as the holder
 * and admins read it (`view`), and when the worker should next take it up (`next_attempt_at`).
 * `reversal_due`: an advance no statement can recover any more (ADR 0027), to take back by a
 * transfer reversal.
 */
export const payoutViewMigrations: MigrationSteps = (s) => [
  {
    id: 'payout/0001-campaigns-and-statements',
    sql: `
      CREATE TABLE ${s}.payout_campaigns (
        campaign_id       uuid        PRIMARY KEY,
        holder_id         uuid,
        funding_model     text,
        currency          text,
        outcome           text,
        net_due           bigint      NOT NULL DEFAULT 0,
        outstanding_advance bigint    NOT NULL DEFAULT 0,
        schedule_from     timestamptz NOT NULL,
        draw_due_at       timestamptz,
        reversal_due      boolean     NOT NULL DEFAULT false,
        view              jsonb       NOT NULL,
        updated_at        timestamptz NOT NULL
      );
      CREATE INDEX payout_campaigns_due ON ${s}.payout_campaigns (draw_due_at) WHERE draw_due_at IS NOT NULL;
      CREATE INDEX payout_campaigns_by_holder ON ${s}.payout_campaigns (holder_id);
      CREATE INDEX payout_campaigns_reversal_due ON ${s}.payout_campaigns (updated_at) WHERE reversal_due;
      CREATE TABLE ${s}.statements (
        statement_id      uuid        PRIMARY KEY,
        campaign_id       uuid        NOT NULL,
        holder_id         uuid        NOT NULL,
        sequence          integer     NOT NULL,
        status            text        NOT NULL,
        drawn_at          timestamptz NOT NULL,
        next_attempt_at   timestamptz,
        view              jsonb       NOT NULL,
        version           integer     NOT NULL,
        UNIQUE (campaign_id, sequence)
      );
      CREATE INDEX statements_due ON ${s}.statements (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
      CREATE INDEX statements_by_holder ON ${s}.statements (holder_id, drawn_at DESC);`,
  },
];
