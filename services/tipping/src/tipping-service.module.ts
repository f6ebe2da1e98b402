import { Module, type DynamicModule } from '@nestjs/common';
import type { TippingParts } from './app/tipping.composition';
import { TipLedgerMessageController } from './app/tip-ledger.message.controller';
import { TIPPING_CLOCK, TipRefundMessageController } from './app/tip-refund.message.controller';
import { TipLedgerQueries } from './ledger/tip-ledger.queries';
import { TipStreams } from './streams/tip-streams';
import { TIP_SUGGESTION_POLICY, TipSuggestionsMessageController } from './tip-suggestions.message.controller';

export type { TippingParts } from './app/tipping.composition';

/**
 * The tipping service as Nest sees it: its message controllers (`@HandlesRequest`), given what
 * they call as `useValue` providers from the composition. It answers the tip suggestions
 * (`rpc.tipping.SuggestTips.v1`), the public ledger (`GetTipLedger`), a tip's refund alone
 * (`RefundTip`) and its health (`rpc.tipping.Health.v1`, from the service kit).
 */
@Module({})
export class TippingServiceModule {
  static forRoot(parts: TippingParts): DynamicModule {
    return {
      module: TippingServiceModule,
      controllers: [TipSuggestionsMessageController, TipLedgerMessageController, TipRefundMessageController],
      providers: [
        { provide: TIP_SUGGESTION_POLICY, useValue: parts.tipSuggestions },
        { provide: TipLedgerQueries, useValue: parts.ledger },
        { provide: TipStreams, useValue: parts.tips },
        { provide: TIPPING_CLOCK, useValue: parts.clock },
      ],
    };
  }
}
