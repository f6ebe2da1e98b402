import { Controller, Inject } from '@nestjs/common';
import { reserveTierUnit, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { TierStockService } from '../tier-stock/application/tier-stock.service';

/**
 * The tier stock's synchronous side (ADR 0007): the pledge service reserves a unit before it
 * takes a payment. Confirmations and releases arrive later as the pledge service's events.
 */
@Controller()
export class TierStockMessageController {
  constructor(@Inject(TierStockService) private readonly stock: TierStockService) {}

  /** `sold_out` is an answer, not an error; a campaign not live or a closed tier is `illegal_state`. */
  @HandlesRequest(reserveTierUnit)
  async reserve({ campaignId, tierId, pledgeId }: RequestOf<typeof reserveTierUnit>): Promise<ReplyOf<typeof reserveTierUnit>> {
    return this.stock.reserve({ campaignId, tierId, pledgeId });
  }
}
