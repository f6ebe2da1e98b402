import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { ConnectionsModule } from './connections/connections.module';
import type { GatewayConfig } from './gateway.config';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { RequestsModule } from './requests/requests.module';
import { StorageModule } from './storage/storage.module';
import { PayoutsModule } from './payouts/payouts.module';
import { PledgesModule } from './pledges/pledges.module';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { TipsModule } from './tips/tips.module';
import { TransparencyModule } from './transparency/transparency.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The gateway: the public HTTP API. Feature modules are added here as routes arrive. */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConnectionsModule.forRoot(config),
        RequestsModule,
        HealthModule,
        StorageModule,
        AccountsModule,
        AuthModule,
        IdempotencyModule,
        CampaignsModule,
        PledgesModule,
        TipsModule,
        PayoutsModule,
        TransparencyModule,
        WebhooksModule,
        ReconciliationModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
