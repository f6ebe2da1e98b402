import { Controller, Inject } from '@nestjs/common';
import { getTipCheckpoints, getTipStreamLinks, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { TransparencyQueries } from '@elan/transparency';

/**
 * The tipping log's public transparency reads (ADR 0025): its signed checkpoints with the key,
 * and a `tip-` stream's links (positions, hashes, types, times; never the events' data). The
 * contract refuses any other stream.
 */
@Controller()
export class TipTransparencyMessageController {
  constructor(@Inject(TransparencyQueries) private readonly transparency: TransparencyQueries) {}

  @HandlesRequest(getTipCheckpoints)
  checkpoints(request: RequestOf<typeof getTipCheckpoints>): Promise<ReplyOf<typeof getTipCheckpoints>> {
    return this.transparency.checkpoints(request);
  }

  @HandlesRequest(getTipStreamLinks)
  links(request: RequestOf<typeof getTipStreamLinks>): Promise<ReplyOf<typeof getTipStreamLinks>> {
    return this.transparency.links(request);
  }
}
