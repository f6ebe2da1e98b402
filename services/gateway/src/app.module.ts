import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConnectionsModule } from './connections/connections.module';
import type { GatewayConfig } from './gateway.config';
import { HealthModule } from './health/health.module';
import { ProblemDetailsFilter } from './problem/problem-details.filter';

/** The gateway: the public HTTP API. Feature modules are added here as routes arrive. */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConnectionsModule.forRoot(config), HealthModule],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
