import { Module, type DynamicModule } from '@nestjs/common';
import { TransparencyQueries, type MoneyLog } from '@elan/transparency';
import type { TippingParts } from './app/tipping.composition';
import { TipLedgerMessageController } from './app/tip-ledger.message.controller';
import { TIPPING_CLOCK, TipRefundMessageController } from './app/tip-refund.message.controller';
import { TipReconciliationMessageController } from './app/reconciliation.message.controller';
import { TipTransparencyMessageController } from './app/transparency.message.controller';
import { TipLedgerQueries } from './ledger/tip-ledger.queries';
import { TipReconciliation } from './reconciliation/tip-reconciliation';
import { TipStreams } from './streams/tip-streams';
import { TIP_SUGGESTION_POLICY, TipSuggestionsMessageController } from './tip-suggestions.message.controller';

export type { TippingParts } from './app/tipping.composition';

/**
 * The tipping service as Nest sees it: its message controllers (`@HandlesRequest`), given what
 * they call as `useValue` providers from the composition. It answers the tip suggestions
 * (`rpc.tipping.SuggestTips.v1`), the public ledger (`GetTipLedger`), a tip's refund alone
 * (`RefundTip`), its signed checkpoints and tip streams' links (`GetCheckpoints`, `GetStreamLinks`),
 * the reconciliation's tip payments and chain verification (`GetTipPaymentFacts`, `VerifyMoneyStreams`)
 * and its health (`rpc.tipping.Health.v1`, from the service kit).
 */
@Module({})
export class TippingServiceModule {
  static forRoot(parts: TippingParts & { readonly transparency: MoneyLog }): DynamicModule {
    return {
      module: TippingServiceModule,
      controllers: [
        TipSuggestionsMessageController,
        TipLedgerMessageController,
        TipRefundMessageController,
        TipTransparencyMessageController,
        TipReconciliationMessageController,
      ],
      providers: [
        { provide: TIP_SUGGESTION_POLICY, useValue: parts.tipSuggestions },
        { provide: TipLedgerQueries, useValue: parts.ledger },
        { provide: TipStreams, useValue: parts.tips },
        { provide: TIPPING_CLOCK, useValue: parts.clock },
        { provide: TransparencyQueries, useValue: parts.transparency.queries },
        { provide: TipReconciliation, useValue: parts.reconciliation },
      ],
    };
  }
}
