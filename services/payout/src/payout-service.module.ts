import { Module, type DynamicModule } from '@nestjs/common';
import type { PayoutParts } from './app/payout.composition';
import { PayoutAccounts } from './app/payout-accounts';
import { PayoutAccountsMessageController } from './app/payout-accounts.message.controller';
import { PayoutStatements } from './app/payout-statements';
import { PayoutStatementsMessageController } from './app/payout-statements.message.controller';
import { Reconciliation } from './reconciliation/reconciliation-job';
import { ReconciliationMessageController } from './reconciliation/reconciliation.message.controller';

export type { PayoutParts } from './app/payout.composition';

/**
 * The payout service as Nest sees it: its message controller (`@HandlesRequest`), given the payout
 * accounts and statements from the composition as `useValue` providers. It answers
 * `StartPayoutAccount`, `GetPayoutAccount`, `ListCampaignPayouts`, `ListMyPayouts`, `RequestPayout`
 * and its health (`rpc.payout.Health.v1`, from the service kit).
 */
@Module({})
export class PayoutServiceModule {
  static forRoot(parts: PayoutParts): DynamicModule {
    return {
      module: PayoutServiceModule,
      controllers: [PayoutAccountsMessageController, PayoutStatementsMessageController, ReconciliationMessageController],
      providers: [
        { provide: PayoutAccounts, useValue: parts.accounts },
        { provide: PayoutStatements, useValue: parts.statements },
        { provide: Reconciliation, useValue: parts.reconciliation },
      ],
    };
  }
}
