import { Controller, Inject } from '@nestjs/common';
import { getTipPaymentFacts, verifyTipStreams, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { TipReconciliation } from '../reconciliation/tip-reconciliation';

/** What the payout service's reconciliation asks of the tip log (issue #11): its payments and its chains. */
@Controller()
export class TipReconciliationMessageController {
  constructor(@Inject(TipReconciliation) private readonly reconciliation: TipReconciliation) {}

  @HandlesRequest(getTipPaymentFacts)
  paymentFacts(request: RequestOf<typeof getTipPaymentFacts>): Promise<ReplyOf<typeof getTipPaymentFacts>> {
    return this.reconciliation.paymentFacts(request);
  }

  @HandlesRequest(verifyTipStreams)
  verifyStreams(): Promise<ReplyOf<typeof verifyTipStreams>> {
    return this.reconciliation.verifyStreams();
  }
}
