import { Controller, Inject } from '@nestjs/common';
import {
  listCampaignPayouts,
  listMyPayouts,
  listUnpaidStatements,
  requestPayout,
  type ReplyOf,
  type RequestOf,
} from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { PayoutStatements } from './payout-statements';

/**
 * Answers the statements' requests for the gateway: a campaign's payouts (its holder or an
 * admin), the asking holder's payouts, a keep-it-all holder's request for a statement now, and
 * the unpaid statements across campaigns (admins).
 */
@Controller()
export class PayoutStatementsMessageController {
  constructor(@Inject(PayoutStatements) private readonly statements: PayoutStatements) {}

  @HandlesRequest(listCampaignPayouts)
  forCampaign({ actor, campaignId }: RequestOf<typeof listCampaignPayouts>): Promise<ReplyOf<typeof listCampaignPayouts>> {
    return this.statements.forCampaign(actor, campaignId);
  }

  @HandlesRequest(listMyPayouts)
  mine({ actor }: RequestOf<typeof listMyPayouts>): Promise<ReplyOf<typeof listMyPayouts>> {
    return this.statements.forHolder(actor);
  }

  @HandlesRequest(requestPayout)
  request({ actor, campaignId }: RequestOf<typeof requestPayout>): Promise<ReplyOf<typeof requestPayout>> {
    return this.statements.requestByHolder(actor, campaignId);
  }

  @HandlesRequest(listUnpaidStatements)
  unpaid({ actor, ...query }: RequestOf<typeof listUnpaidStatements>): Promise<ReplyOf<typeof listUnpaidStatements>> {
    return this.statements.unpaid(actor, query);
  }
}
