import type { Pool, PoolClient } from 'pg';
import { runMigrations, type MigrationSteps } from './migration-runner';
import { assertSchemaName } from './schema-name';

/**
 * The event store's own tables in one service schema: the log and the subscriptions'
 * checkpoints. A service runs these first in its list (ADR 0015); their ids predate the
 * library prefixes of later steps and stay as released.
 */
export const eventStoreMigrations: MigrationSteps = (s) => [
  {
    id: '0001-events',
    sql: `
      CREATE TABLE ${s}.events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        event_id        uuid        NOT NULL UNIQUE,
        stream_id       text        NOT NULL,
        stream_position bigint      NOT NULL CHECK (stream_position > 0),
        type            text        NOT NULL,
        schema_version  integer     NOT NULL CHECK (schema_version > 0),
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        occurred_at     timestamptz NOT NULL DEFAULT now(),
        hash            bytea       NOT NULL,
        UNIQUE (stream_id, stream_position)
      );
      -- Subscribers read the log in (transaction_id, global_position) order below the oldest
      -- running transaction: this index serves that scan.
      CREATE INDEX events_log_order ON ${s}.events (transaction_id, global_position);

      -- Append-only, whatever the caller's privileges: rows can be inserted, never changed.
      CREATE FUNCTION ${s}.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the event log is append-only: % on %.% is refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON ${s}.events
        FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_event_change();
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ${s}.events
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_event_change();

      CREATE TABLE ${s}.checkpoints (
        subscription    text   PRIMARY KEY,
        transaction_id  xid8   NOT NULL,
        global_position bigint NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    // The log's read order is its key: one index serves both the primary key and the guarded
    // read, instead of a key on the position plus a second index on (transaction, position) —
    // an index fewer to maintain on every append. Positions stay unique: they come from the
    // identity and cannot be given.
    id: '0002-log-order-key',
    sql: `
      ALTER TABLE ${s}.events DROP CONSTRAINT events_pkey;
      DROP INDEX ${s}.events_log_order;
      ALTER TABLE ${s}.events ADD CONSTRAINT events_pkey PRIMARY KEY (transaction_id, global_position);`,
  },
];

export interface MigrationOptions {
  /**
   * The role the service runs as in production. It is granted reading and inserting events and
   * keeping checkpoints, and explicitly nothing that could rewrite history.
   */
  readonly appRole?: string;
}

/** The event store's migrations alone: what `PostgresEventStore.open` runs (a no-op after the service's list). */
export const migrate = async (pool: Pool, schema: string, options: MigrationOptions = {}): Promise<void> => {
  const s = assertSchemaName(schema);
  const appRole = options.appRole ? assertSchemaName(options.appRole) : undefined;
  await runMigrations(pool, s, [eventStoreMigrations], appRole ? (client) => grantAppRole(client, s, appRole) : undefined);
};

const grantAppRole = async (client: PoolClient, s: string, role: string): Promise<void> => {
  // Roles are cluster-wide and CREATE ROLE has no IF NOT EXISTS; racing creators are tolerated.
  await client.query(`
    DO $$ BEGIN
      CREATE ROLE ${role} NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${role}`);
  await client.query(`REVOKE ALL ON ${s}.events FROM PUBLIC, ${role}`);
  await client.query(`GRANT SELECT, INSERT ON ${s}.events TO ${role}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE ON ${s}.checkpoints TO ${role}`);
  await client.query(`GRANT SELECT ON ${s}.schema_migrations TO ${role}`);
};
