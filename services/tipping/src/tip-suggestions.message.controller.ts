import { Controller, Inject } from '@nestjs/common';
import { suggestTips, TIP_EXPLAINER_KEY, TIP_EXPLAINER_TEXT, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { suggestTips as tipsFor, type TipSuggestionPolicy } from './tip';

/** The tip suggestion policy the service was configured with (`TIP_SUGGESTION_*`). */
export const TIP_SUGGESTION_POLICY = Symbol('TIP_SUGGESTION_POLICY');

/**
 * Answers `rpc.tipping.SuggestTips.v1` from the tip domain: 0 first, then the policy's shares,
 * nothing pre-selected. A pledge that is not positive is the domain's `ValidationError` on
 * `amount`, answered as such.
 */
@Controller()
export class TipSuggestionsMessageController {
  constructor(@Inject(TIP_SUGGESTION_POLICY) private readonly policy: TipSuggestionPolicy) {}

  @HandlesRequest(suggestTips)
  async suggest({ amount }: RequestOf<typeof suggestTips>): Promise<ReplyOf<typeof suggestTips>> {
    return {
      currency: amount.currency,
      suggestions: tipsFor(amount, this.policy).map((tip) => ({ amount: tip.amount, shareBasisPoints: tip.shareBps })),
      preselected: null,
      explainer: { key: TIP_EXPLAINER_KEY, text: TIP_EXPLAINER_TEXT },
    };
  }
}
