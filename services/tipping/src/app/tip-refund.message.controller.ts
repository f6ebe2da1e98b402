import { Controller, Inject } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { refundTip, type ReplyOf, type RequestOf } from '@elan/contracts';
import { IllegalStateError, type Clock } from '@elan/domain-kernel';
import { HEADER, HandlesRequest } from '@elan/messaging';
import { TipStreams } from '../streams/tip-streams';

/** The clock refunds are decided at (the system's, or a test's). */
export const TIPPING_CLOCK = Symbol('TIPPING_CLOCK');

/**
 * Answers `rpc.tipping.RefundTip.v1`: the tip decider's `RefundTip` on the pledge's tip stream
 * (the tip's id is its pledge's). The reply means the refund is decided and recorded; the refund
 * worker then pays it at Stripe with the tip's one idempotency key, as it does for a tip refunded
 * with its pledge, so a tip is refunded once whichever way comes first.
 */
@Controller()
export class TipRefundMessageController {
  constructor(
    @Inject(TipStreams) private readonly tips: TipStreams,
    @Inject(TIPPING_CLOCK) private readonly clock: Clock,
  ) {}

  @HandlesRequest(refundTip)
  async refund({ actor, pledgeId }: RequestOf<typeof refundTip>, context: NatsContext): Promise<ReplyOf<typeof refundTip>> {
    const correlationId = context.getHeaders()?.get(HEADER.correlationId);
    const { state } = await this.tips.execute(
      {
        type: 'RefundTip',
        data: { tipId: pledgeId },
        metadata: { now: this.clock.now(), actor: actor.ref, roles: actor.roles, ...(correlationId && { correlationId }) },
      },
      { actor: actor.ref, ...(correlationId && { correlationId }) },
    );
    // The decider refuses everything else; this only narrows the type.
    if (state.status !== 'refunded') throw new IllegalStateError(`the tip of ${pledgeId} is ${state.status}`);
    return {
      pledgeId: state.pledgeId,
      tipId: state.tipId,
      amount: state.amount,
      refundedAs: state.refundedAs,
      refundedAt: state.refundedAt,
    };
  }
}
