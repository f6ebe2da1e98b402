import { Controller, Inject } from '@nestjs/common';
import { getPledgeReceipt, listBackers, listCampaignMessages, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { PledgeHolderQueries } from './pledge-holder.queries';

/** The backers, messages and receipts the public API asks for (issue #10, deliverable 3). */
@Controller()
export class PledgeHolderMessageController {
  constructor(@Inject(PledgeHolderQueries) private readonly queries: PledgeHolderQueries) {}

  @HandlesRequest(listBackers)
  backers(request: RequestOf<typeof listBackers>): Promise<ReplyOf<typeof listBackers>> {
    return this.queries.backers(request);
  }

  @HandlesRequest(listCampaignMessages)
  messages(request: RequestOf<typeof listCampaignMessages>): Promise<ReplyOf<typeof listCampaignMessages>> {
    return this.queries.messages(request);
  }

  @HandlesRequest(getPledgeReceipt)
  receipt({ pledgeId, viewer }: RequestOf<typeof getPledgeReceipt>): Promise<ReplyOf<typeof getPledgeReceipt>> {
    return this.queries.receipt(pledgeId, viewer);
  }
}
