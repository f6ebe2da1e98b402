import { Controller, Inject } from '@nestjs/common';
import { getPayoutCheckpoints, getPayoutStreamLinks, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { TransparencyQueries } from '@elan/transparency';

/**
 * The payout log's public transparency reads (ADR 0025): its signed checkpoints with the key, and
 * the links of a campaign's payout ledger (`payoutledger-`) or of a statement (`payout-`):
 * positions, hashes, types, times, never the events' data. The contract refuses any other stream
 * (a payout account's among them).
 */
@Controller()
export class PayoutTransparencyMessageController {
  constructor(@Inject(TransparencyQueries) private readonly transparency: TransparencyQueries) {}

  @HandlesRequest(getPayoutCheckpoints)
  checkpoints(request: RequestOf<typeof getPayoutCheckpoints>): Promise<ReplyOf<typeof getPayoutCheckpoints>> {
    return this.transparency.checkpoints(request);
  }

  @HandlesRequest(getPayoutStreamLinks)
  links(request: RequestOf<typeof getPayoutStreamLinks>): Promise<ReplyOf<typeof getPayoutStreamLinks>> {
    return this.transparency.links(request);
  }
}
