import { Controller, Inject } from '@nestjs/common';
import { getCampaignLedger, getPayoutMonths, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { PublicLedgerQueries } from './public-ledger.queries';

/**
 * The payout service's public reads for the gateway's `GET /api/campaigns/{id}/ledger` and
 * `GET /api/transparency`: figures, positions and hashes, never a person.
 */
@Controller()
export class PublicLedgerMessageController {
  constructor(@Inject(PublicLedgerQueries) private readonly ledger: PublicLedgerQueries) {}

  @HandlesRequest(getCampaignLedger)
  campaign({ campaignId }: RequestOf<typeof getCampaignLedger>): Promise<ReplyOf<typeof getCampaignLedger>> {
    return this.ledger.campaign(campaignId);
  }

  @HandlesRequest(getPayoutMonths)
  months(request: RequestOf<typeof getPayoutMonths>): Promise<ReplyOf<typeof getPayoutMonths>> {
    return this.ledger.months(request);
  }
}
