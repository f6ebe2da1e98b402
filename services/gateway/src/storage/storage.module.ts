import { Global, Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { reasonOf } from '@elan/messaging';
import { PostgresPool } from '../connections/postgres.pool';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { ExpiredRowsSweeper } from './expired-rows.sweeper';
import { DEFAULT_GATEWAY_SCHEMA, GatewayDatabase } from './gateway-database';
import { GatewayEventLog } from './gateway-event-log';
import { SigningSecrets } from './signing-secrets';

/**
 * Migrates at start-up when PostgreSQL is there, and loads the signing secrets — so the first
 * replica to start makes the development key; otherwise the first query (or token) will.
 */
@Injectable()
class MigrateAtStartUp implements OnApplicationBootstrap {
  private readonly logger = new Logger('GatewayDatabase');

  constructor(
    private readonly db: GatewayDatabase,
    private readonly secrets: SigningSecrets,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all([this.db.ready(), this.secrets.all()]).catch((error: unknown) => {
      this.logger.warn(`gateway schema "${this.db.schema}" not migrated yet (${reasonOf(error)}); retrying on use`);
    });
  }
}

/** The gateway's own tables (schema `gateway` unless configured), its event log and its signing secrets, for every module. */
@Global()
@Module({
  providers: [
    {
      provide: GatewayDatabase,
      inject: [PostgresPool, GATEWAY_CONFIG],
      useFactory: (postgres: PostgresPool, config: GatewayConfig) =>
        new GatewayDatabase(postgres.pool, config.schema ?? DEFAULT_GATEWAY_SCHEMA),
    },
    {
      provide: SigningSecrets,
      inject: [GATEWAY_CONFIG, GatewayDatabase],
      useFactory: (config: GatewayConfig, db: GatewayDatabase) => new SigningSecrets(config.auth, db),
    },
    { provide: GatewayEventLog, inject: [GatewayDatabase], useFactory: (db: GatewayDatabase) => new GatewayEventLog(db) },
    MigrateAtStartUp,
    ExpiredRowsSweeper,
  ],
  exports: [GatewayDatabase, SigningSecrets, GatewayEventLog],
})
export class StorageModule {}
