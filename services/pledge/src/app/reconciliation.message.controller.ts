import { Controller, Inject } from '@nestjs/common';
import { getPledgePaymentFacts, verifyPledgeStreams, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { PledgeReconciliation } from './pledge-reconciliation';

/** What the payout service's reconciliation asks of the pledge log (issue #11): its payments and its chains. */
@Controller()
export class PledgeReconciliationMessageController {
  constructor(@Inject(PledgeReconciliation) private readonly reconciliation: PledgeReconciliation) {}

  @HandlesRequest(getPledgePaymentFacts)
  paymentFacts(request: RequestOf<typeof getPledgePaymentFacts>): Promise<ReplyOf<typeof getPledgePaymentFacts>> {
    return this.reconciliation.paymentFacts(request);
  }

  @HandlesRequest(verifyPledgeStreams)
  verifyStreams(): Promise<ReplyOf<typeof verifyPledgeStreams>> {
    return this.reconciliation.verifyStreams();
  }
}
