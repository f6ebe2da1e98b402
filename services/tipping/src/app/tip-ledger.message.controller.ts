import { Controller, Inject } from '@nestjs/common';
import { getTipLedger, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { TipLedgerQueries } from '../ledger/tip-ledger.queries';

/**
 * Answers `rpc.tipping.GetTipLedger.v1` from the ledger's read model: eventually consistent with
 * the tip streams (a tip just paid counts once the projection caught up, within a second).
 */
@Controller()
export class TipLedgerMessageController {
  constructor(@Inject(TipLedgerQueries) private readonly ledger: TipLedgerQueries) {}

  @HandlesRequest(getTipLedger)
  async ledgerOf({ currency, from, to }: RequestOf<typeof getTipLedger>): Promise<ReplyOf<typeof getTipLedger>> {
    const months = await this.ledger.months({ currency, ...(from && { from }), ...(to && { to }) });
    return { currency, months: months.map((month) => ({ ...month })) };
  }
}
