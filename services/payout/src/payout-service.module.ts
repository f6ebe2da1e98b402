import { Module, type DynamicModule } from '@nestjs/common';
import type { PayoutParts } from './app/payout.composition';
import { PayoutAccounts } from './app/payout-accounts';
import { PayoutAccountsMessageController } from './app/payout-accounts.message.controller';

export type { PayoutParts } from './app/payout.composition';

/**
 * The payout service as Nest sees it: its message controller (`@HandlesRequest`), given the payout
 * accounts from the composition as a `useValue` provider. It answers `StartPayoutAccount`,
 * `GetPayoutAccount` and its health (`rpc.payout.Health.v1`, from the service kit).
 */
@Module({})
export class PayoutServiceModule {
  static forRoot(parts: PayoutParts): DynamicModule {
    return {
      module: PayoutServiceModule,
      controllers: [PayoutAccountsMessageController],
      providers: [{ provide: PayoutAccounts, useValue: parts.accounts }],
    };
  }
}
