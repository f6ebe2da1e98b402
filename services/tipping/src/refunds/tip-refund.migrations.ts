import type { MigrationSteps } from '@elan/event-store';

/**
 * The tip refunds the service owes at Stripe: one row per refunded tip above 0, written with the
 * refund event's checkpoint, settled by the refund worker. The primary key is the tip: a tip is
 * refunded at most once, alone or with its pledge.
 */
export const tipRefundMigrations: MigrationSteps = (s) => [
  {
    id: 'tip-refunds/0001-owed',
    sql: `
      CREATE TABLE ${s}.tip_refunds (
        tip_id          uuid        PRIMARY KEY,
        payment_id      text        NOT NULL,
        amount          bigint      NOT NULL CHECK (amount > 0),
        currency        char(3)     NOT NULL,
        owed_since      timestamptz NOT NULL DEFAULT now(),
        attempts        integer     NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error      text,
        refund_id       text,
        refund_status   text,
        refunded_at     timestamptz
      );
      CREATE INDEX tip_refunds_due ON ${s}.tip_refunds (next_attempt_at) WHERE refund_id IS NULL;`,
  },
];
