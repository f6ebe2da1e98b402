import { Controller, Inject } from '@nestjs/common';
import { getReconciliationReport, runReconciliation, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { Reconciliation } from './reconciliation-job';

/** Answers the admins' reconciliation requests for the gateway: the latest report, and a run now. */
@Controller()
export class ReconciliationMessageController {
  constructor(@Inject(Reconciliation) private readonly reconciliation: Reconciliation) {}

  @HandlesRequest(getReconciliationReport)
  report({ actor }: RequestOf<typeof getReconciliationReport>): Promise<ReplyOf<typeof getReconciliationReport>> {
    return this.reconciliation.report(actor);
  }

  @HandlesRequest(runReconciliation)
  run({ actor }: RequestOf<typeof runReconciliation>): Promise<ReplyOf<typeof runReconciliation>> {
    return this.reconciliation.runFor(actor);
  }
}
