import { Controller, Inject } from '@nestjs/common';
import { getPledge, listMyPledges, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { PledgeQueries } from './pledge-queries';

@Controller()
export class PledgeQueriesMessageController {
  constructor(@Inject(PledgeQueries) private readonly queries: PledgeQueries) {}

  @HandlesRequest(getPledge)
  get({ pledgeId, viewer }: RequestOf<typeof getPledge>): Promise<ReplyOf<typeof getPledge>> {
    return this.queries.get(pledgeId, viewer);
  }

  @HandlesRequest(listMyPledges)
  async mine({ accountId }: RequestOf<typeof listMyPledges>): Promise<ReplyOf<typeof listMyPledges>> {
    return { items: await this.queries.ofAccount(accountId) };
  }
}
