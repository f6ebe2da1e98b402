import { Controller, Inject } from '@nestjs/common';
import { getPledgeCheckpoints, getPledgeStreamLinks, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { TransparencyQueries } from '@elan/transparency';

/**
 * The pledge log's public transparency reads (ADR 0025): its signed checkpoints with the key,
 * and a `pledge-` stream's links (positions, hashes, types, times; never the events' data). The
 * contract refuses any other stream.
 */
@Controller()
export class PledgeTransparencyMessageController {
  constructor(@Inject(TransparencyQueries) private readonly transparency: TransparencyQueries) {}

  @HandlesRequest(getPledgeCheckpoints)
  checkpoints(request: RequestOf<typeof getPledgeCheckpoints>): Promise<ReplyOf<typeof getPledgeCheckpoints>> {
    return this.transparency.checkpoints(request);
  }

  @HandlesRequest(getPledgeStreamLinks)
  links(request: RequestOf<typeof getPledgeStreamLinks>): Promise<ReplyOf<typeof getPledgeStreamLinks>> {
    return this.transparency.links(request);
  }
}
