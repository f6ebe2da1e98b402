import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { openPostgresPool, pingPostgres } from '@elan/service-kit';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';

/** The gateway's pool of PostgreSQL connections (the kit's), ended when the application shuts down. */
@Injectable()
export class PostgresPool implements OnApplicationShutdown {
  readonly pool: Pool;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.pool = openPostgresPool({
      url: config.databaseUrl,
      owner: 'gateway',
      ...(config.poolSize !== undefined && { size: config.poolSize }),
      // Health checks answer within 2 s: a database that is down must fail them fast.
      connectionTimeoutMs: 2_000,
    });
  }

  /** Resolves when the database answers `select 1` within `timeoutMs`. */
  ping(timeoutMs: number): Promise<void> {
    return pingPostgres(this.pool, timeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
