import type { OnApplicationShutdown } from '@nestjs/common';
import { PostgresEventStore } from '@elan/event-store';
import type { GatewayDatabase } from './gateway-database';

/**
 * The gateway's event log, in its own schema: the Stripe events it received, one stream each
 * (ADR 0021), which its outbox relay hands on. The project's event store, opened once the
 * schema is migrated — on first use, so the gateway starts while PostgreSQL is down; a failure
 * lets the next use try again.
 */
export class GatewayEventLog implements OnApplicationShutdown {
  private opened: Promise<PostgresEventStore> | undefined;

  constructor(private readonly db: GatewayDatabase) {}

  store(): Promise<PostgresEventStore> {
    this.opened ??= this.db
      .ready()
      // The schema's list has run the store's steps: opening it finds them recorded.
      .then(() => PostgresEventStore.open(this.db.pool, { schema: this.db.schema }))
      .catch((error: unknown) => {
        this.opened = undefined;
        throw error;
      });
    return this.opened;
  }

  /** Closes the store's own connections (its notifications); the pool is the gateway's. */
  async onApplicationShutdown(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    await (await opened?.catch(() => undefined))?.close();
  }
}
