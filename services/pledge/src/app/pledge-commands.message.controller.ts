import { Controller, Inject } from '@nestjs/common';
import {
  cancelPledge,
  changePledge,
  grantPledgeRefund,
  placePledge,
  requestPledgeRefund,
  updatePledgeCard,
  type ReplyOf,
  type RequestOf,
} from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { PledgeApplication } from '../application/pledge-application';
import { actorMetadataOf, PledgeChanges } from '../application/pledge-changes';
import { PledgeCheckout } from '../application/pledge-checkout';
import { PledgeQueries } from './pledge-queries';

/**
 * The pledge commands the public API sends on a contributor's, holder's or admin's behalf. Each
 * first looks the pledge up as the viewer may see it: a stranger gets not_found, never learning
 * whether the pledge exists; the decider then judges what the viewer may do.
 */
@Controller()
export class PledgeCommandsMessageController {
  constructor(
    @Inject(PledgeCheckout) private readonly checkout: PledgeCheckout,
    @Inject(PledgeApplication) private readonly pledges: PledgeApplication,
    @Inject(PledgeChanges) private readonly changes: PledgeChanges,
    @Inject(PledgeQueries) private readonly queries: PledgeQueries,
  ) {}

  @HandlesRequest(placePledge)
  place(request: RequestOf<typeof placePledge>): Promise<ReplyOf<typeof placePledge>> {
    return this.checkout.place(request);
  }

  @HandlesRequest(cancelPledge)
  async cancel({ pledgeId, viewer }: RequestOf<typeof cancelPledge>): Promise<ReplyOf<typeof cancelPledge>> {
    await this.queries.get(pledgeId, viewer);
    await this.pledges.execute({ type: 'CancelPledge', data: { pledgeId }, metadata: actorMetadataOf(viewer) });
    return this.queries.get(pledgeId, viewer);
  }

  @HandlesRequest(changePledge)
  async change({ pledgeId, viewer, amount, tierId }: RequestOf<typeof changePledge>): Promise<ReplyOf<typeof changePledge>> {
    await this.queries.get(pledgeId, viewer);
    await this.changes.change(pledgeId, viewer, amount, tierId);
    return this.queries.get(pledgeId, viewer);
  }

  @HandlesRequest(requestPledgeRefund)
  async requestRefund({ pledgeId, viewer, reason }: RequestOf<typeof requestPledgeRefund>) {
    await this.queries.get(pledgeId, viewer);
    await this.changes.requestRefund(pledgeId, viewer, reason);
    return this.queries.get(pledgeId, viewer);
  }

  @HandlesRequest(grantPledgeRefund)
  async grantRefund({ pledgeId, viewer }: RequestOf<typeof grantPledgeRefund>) {
    await this.queries.get(pledgeId, viewer);
    await this.changes.grantRefund(pledgeId, viewer);
    return this.queries.get(pledgeId, viewer);
  }

  @HandlesRequest(updatePledgeCard)
  async newCard({ pledgeId, viewer }: RequestOf<typeof updatePledgeCard>): Promise<ReplyOf<typeof updatePledgeCard>> {
    await this.queries.get(pledgeId, viewer);
    const intent = await this.changes.newCard(pledgeId, viewer);
    return { pledge: await this.queries.get(pledgeId, viewer), payment: { kind: 'card_setup', ...intent } };
  }
}
