import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { assertSchemaName, inTransaction } from '@elan/event-store';
import { migrateGatewaySchema } from './gateway-schema.migrations';

/** The schema of the gateway's tables unless the configuration names another (tests do). */
export const DEFAULT_GATEWAY_SCHEMA = 'gateway';

/**
 * The gateway's own tables in PostgreSQL, through plain `pg`: a handful of small tables whose
 * every write is one statement (`INSERT … ON CONFLICT`), so an ORM would add a second connection
 * pool and entity classes without removing any SQL.
 *
 * The gateway must start while PostgreSQL is down (its health check then says so), so the
 * migrations are not a start-up precondition: the first query runs them, and a failure lets the
 * next query try again. Plain class, not a Nest provider, so the `create-admin` CLI uses it too.
 */
export class GatewayDatabase {
  /** The schema name, checked, ready to splice into SQL: `${db.schema}.accounts`. */
  readonly schema: string;
  private migrated: Promise<void> | undefined;

  constructor(
    readonly pool: Pool,
    schema: string = DEFAULT_GATEWAY_SCHEMA,
  ) {
    this.schema = assertSchemaName(schema);
  }

  /** Resolves once the tables exist; after a failure the next call tries again. */
  ready(): Promise<void> {
    this.migrated ??= migrateGatewaySchema(this.pool, this.schema).catch((error: unknown) => {
      this.migrated = undefined;
      throw error;
    });
    return this.migrated;
  }

  async query<Row extends QueryResultRow>(text: string, values: readonly unknown[] = []): Promise<QueryResult<Row>> {
    await this.ready();
    return this.pool.query<Row>(text, [...values]);
  }

  /** Runs `work` in one transaction, committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    await this.ready();
    return inTransaction(this.pool, work);
  }
}
