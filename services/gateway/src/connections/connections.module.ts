import { Global, Module, type DynamicModule } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { NatsConnection } from './nats.connection';
import { PostgresPool } from './postgres.pool';

/** The gateway's configuration and its connections to PostgreSQL and NATS, for every module. */
@Global()
@Module({})
export class ConnectionsModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: ConnectionsModule,
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }, PostgresPool, NatsConnection],
      exports: [GATEWAY_CONFIG, PostgresPool, NatsConnection],
    };
  }
}
