import type { MigrationSteps } from '@elan/event-store';

/**
 * The notification service's tables (ADR 0031). `campaigns`: each campaign's holder and public
 * title, from `CampaignLaunched`, for the mails whose event names only the campaign. `mails`: the
 * outbox of mails, one row per (event, template, recipient) — the key that makes a redelivered
 * event add nothing — with ids and amounts only; the address is asked of its owner at send time.
 */
export const notificationMigrations: MigrationSteps = (s) => [
  {
    id: 'notification/0001-campaigns-and-mails',
    sql: `
      CREATE TABLE ${s}.campaigns (
        campaign_id     uuid        PRIMARY KEY,
        holder_id       uuid        NOT NULL,
        title           text        NOT NULL,
        funding_model   text        NOT NULL,
        launched_at     timestamptz NOT NULL
      );
      CREATE TABLE ${s}.mails (
        mail_id         uuid        PRIMARY KEY,
        event_id        uuid        NOT NULL,
        template        text        NOT NULL,
        recipient       text        NOT NULL,
        data            jsonb       NOT NULL,
        status          text        NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'sent', 'not_sent', 'failed')),
        attempts        integer     NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error      text,
        recorded_at     timestamptz NOT NULL,
        sent_at         timestamptz,
        UNIQUE (event_id, template, recipient)
      );
      CREATE INDEX mails_due ON ${s}.mails (next_attempt_at) WHERE status = 'pending';`,
  },
];
