import type { Pool } from 'pg';
import { migrateSchema, type SchemaMigration } from '@elan/event-store';

/**
 * Schema names are spliced into SQL text (identifiers cannot be bind parameters), so they are
 * held to a strict pattern before any statement is built from them.
 */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const assertGatewaySchemaName = (schema: string): string => {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`gateway schema "${schema}" must match ${SCHEMA_NAME.source}`);
  return schema;
};

/**
 * The gateway's own tables: it owns no event stream, but it owns accounts, the tokens revoked
 * at logout, idempotency records and rate-limit windows. Plain tables, because none of them is
 * a business fact other services react to: they are the gateway's working state.
 * Migrations are ordered and never edited once released; add a new one instead.
 */
const migrations = (s: string): readonly SchemaMigration[] => [
  {
    id: '0001-accounts',
    sql: `
      CREATE TABLE ${s}.accounts (
        id            uuid        PRIMARY KEY,
        email         text        NOT NULL,
        password_hash text        NOT NULL,
        display_name  text        NOT NULL,
        roles         text[]      NOT NULL DEFAULT '{contributor,holder}',
        created_at    timestamptz NOT NULL DEFAULT now()
      );
      -- One account per address whatever its case; the address is kept as typed.
      CREATE UNIQUE INDEX accounts_email_key ON ${s}.accounts (lower(email));
      CREATE INDEX accounts_admins ON ${s}.accounts (id) WHERE 'admin' = ANY (roles);

      CREATE TABLE ${s}.revoked_tokens (
        jti        uuid        PRIMARY KEY,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX revoked_tokens_expiry ON ${s}.revoked_tokens (expires_at);`,
  },
  {
    id: '0002-idempotency-records',
    sql: `
      CREATE TABLE ${s}.idempotency_records (
        scope            text        NOT NULL,
        key              text        NOT NULL,
        fingerprint      text        NOT NULL,
        claim_id         uuid        NOT NULL,
        state            text        NOT NULL CHECK (state IN ('in_progress', 'completed')),
        lease_expires_at timestamptz NOT NULL,
        response_status  integer,
        -- json, not jsonb: a replay sends back the very text of the first answer.
        response_body    json,
        expires_at       timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX idempotency_records_expiry ON ${s}.idempotency_records (expires_at);`,
  },
  {
    id: '0003-rate-limit-windows',
    sql: `
      CREATE TABLE ${s}.rate_limit_windows (
        key        text        PRIMARY KEY,
        hits       integer     NOT NULL,
        ends_at    timestamptz NOT NULL
      );
      CREATE INDEX rate_limit_windows_end ON ${s}.rate_limit_windows (ends_at);`,
  },
];

/** Creates or upgrades the gateway's schema (idempotent; replicas starting together queue). */
export async function migrateGatewaySchema(pool: Pool, schema: string): Promise<void> {
  const s = assertGatewaySchemaName(schema);
  await migrateSchema(pool, s, migrations(s));
}
