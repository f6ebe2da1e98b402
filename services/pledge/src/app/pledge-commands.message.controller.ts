import { Controller, Inject } from '@nestjs/common';
import { cancelPledge, placePledge, type PledgeViewer, type ReplyOf, type RequestOf } from '@elan/contracts';
import { HandlesRequest } from '@elan/messaging';
import { PledgeCheckout } from '../application/pledge-checkout';
import { PledgeQueries } from './pledge-queries';
import { PledgeApplication } from '../application/pledge-application';

/** What the viewer is to the decider: its actor, roles and guest token hash. */
export const actorMetadataOf = (viewer: PledgeViewer) =>
  viewer.kind === 'account'
    ? { actor: viewer.accountId, roles: viewer.roles }
    : { actor: 'guest', roles: [] as string[], guestTokenHash: viewer.guestTokenHash };

/** The pledge commands the public API sends on a contributor's behalf. */
@Controller()
export class PledgeCommandsMessageController {
  constructor(
    @Inject(PledgeCheckout) private readonly checkout: PledgeCheckout,
    @Inject(PledgeApplication) private readonly pledges: PledgeApplication,
    @Inject(PledgeQueries) private readonly queries: PledgeQueries,
  ) {}

  @HandlesRequest(placePledge)
  place(request: RequestOf<typeof placePledge>): Promise<ReplyOf<typeof placePledge>> {
    return this.checkout.place(request);
  }

  /** The pledge is looked up as the viewer may see it first: a stranger gets not_found, not forbidden. */
  @HandlesRequest(cancelPledge)
  async cancel({ pledgeId, viewer }: RequestOf<typeof cancelPledge>): Promise<ReplyOf<typeof cancelPledge>> {
    await this.queries.get(pledgeId, viewer);
    await this.pledges.execute({ type: 'CancelPledge', data: { pledgeId }, metadata: actorMetadataOf(viewer) });
    return this.queries.get(pledgeId, viewer);
  }
}
