import { Module, type DynamicModule } from '@nestjs/common';
import type { TipSuggestionPolicy } from './tip';
import { TIP_SUGGESTION_POLICY, TipSuggestionsMessageController } from './tip-suggestions.message.controller';

/** What the composition hands the module: the parts its message controllers call. */
export interface TippingParts {
  readonly tipSuggestions: TipSuggestionPolicy;
}

/**
 * The tipping service as Nest sees it: its message controllers (`@HandlesRequest`), given what
 * they call as `useValue` providers from the composition. It answers the tip suggestions
 * (`rpc.tipping.SuggestTips.v1`) and its health (`rpc.tipping.Health.v1`, from the service kit).
 */
@Module({})
export class TippingServiceModule {
  static forRoot(parts: TippingParts): DynamicModule {
    return {
      module: TippingServiceModule,
      controllers: [TipSuggestionsMessageController],
      providers: [{ provide: TIP_SUGGESTION_POLICY, useValue: parts.tipSuggestions }],
    };
  }
}
