import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { withTimeout } from '@elan/messaging';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';

/** The gateway's pool of PostgreSQL connections, ended when the application shuts down. */
@Injectable()
export class PostgresPool implements OnApplicationShutdown {
  private readonly logger = new Logger(PostgresPool.name);
  readonly pool: Pool;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.pool = new Pool({
      connectionString: config.databaseUrl,
      application_name: 'elan-gateway',
      // A database that is down must fail requests and health checks fast, not queue them.
      connectionTimeoutMillis: 2_000,
    });
    // An idle connection that breaks (server restart) emits 'error'; unhandled, it would crash.
    this.pool.on('error', (error) => this.logger.warn(`an idle PostgreSQL connection failed: ${error.message}`));
  }

  /** Resolves when the database answers `select 1` within `timeoutMs`. */
  async ping(timeoutMs: number): Promise<void> {
    await withTimeout(this.pool.query('select 1'), timeoutMs, `PostgreSQL did not answer within ${timeoutMs} ms`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
