import { Module, type DynamicModule } from '@nestjs/common';
import { TransparencyQueries, type MoneyLog } from '@elan/transparency';
import type { PayoutParts } from './app/payout.composition';
import { PayoutAccounts } from './app/payout-accounts';
import { PayoutAccountsMessageController } from './app/payout-accounts.message.controller';
import { PayoutStatements } from './app/payout-statements';
import { PayoutStatementsMessageController } from './app/payout-statements.message.controller';
import { PayoutTransparencyMessageController } from './transparency/payout-transparency.message.controller';
import { PublicLedgerMessageController } from './transparency/public-ledger.message.controller';
import { PublicLedgerQueries } from './transparency/public-ledger.queries';
import { Reconciliation } from './reconciliation/reconciliation-job';
import { ReconciliationMessageController } from './reconciliation/reconciliation.message.controller';

export type { PayoutParts } from './app/payout.composition';

/** The composition, and the signed checkpoints of the payout ledgers and statements (ADR 0025). */
export type PayoutServiceParts = PayoutParts & { readonly transparency: MoneyLog; readonly publicLedger: PublicLedgerQueries };

/**
 * The payout service as Nest sees it: its message controller (`@HandlesRequest`), given the payout
 * accounts and statements from the composition as `useValue` providers. It answers
 * `StartPayoutAccount`, `GetPayoutAccount`, `ListCampaignPayouts`, `ListMyPayouts`, `RequestPayout`,
 * `ListUnpaidStatements`,
 * its transparency (`GetCheckpoints`, `GetStreamLinks`, `GetCampaignLedger`, `GetPayoutMonths`),
 * its reconciliation (`GetReconciliationReport`, `RunReconciliation`)
 * and its health (`rpc.payout.Health.v1`, from the service kit).
 */
@Module({})
export class PayoutServiceModule {
  static forRoot(parts: PayoutServiceParts): DynamicModule {
    return {
      module: PayoutServiceModule,
      controllers: [
        PayoutAccountsMessageController,
        PayoutStatementsMessageController,
        PayoutTransparencyMessageController,
        PublicLedgerMessageController,
        ReconciliationMessageController,
      ],
      providers: [
        { provide: PayoutAccounts, useValue: parts.accounts },
        { provide: PayoutStatements, useValue: parts.statements },
        { provide: TransparencyQueries, useValue: parts.transparency.queries },
        { provide: PublicLedgerQueries, useValue: parts.publicLedger },
        { provide: Reconciliation, useValue: parts.reconciliation },
      ],
    };
  }
}
