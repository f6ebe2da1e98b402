import { pledgeCollected, pledgeCommitted, pledgeWithdrawn, type PayloadOf } from '@elan/contracts';
import type { EventMetadata } from '@elan/event-store';
import { on, type HandlerContext, type IntegrationEventHandler } from '@elan/messaging';
import type { TipStreams } from './tip-streams';

/** The durable consumer's name: one per consuming service and purpose (granted `elan.pledge.>`). */
export const TIPPING_PLEDGES_CONSUMER = 'tipping-pledges';

/** Commands issued by the service itself, in reaction to the pledge service. */
const SYSTEM_ACTOR = 'tipping';

type TipChoice = PayloadOf<typeof pledgeCommitted>['tip'];

/** One tip stream per pledge: the pledge's id, also for a 0 tip (which carries no tipId). */
const tipIdOf = (tip: TipChoice, pledgeId: string): string => tip.tipId ?? pledgeId;

/** The tip's events follow the pledge event that caused them. */
const causedBy = ({ envelope }: HandlerContext): EventMetadata => ({
  causationId: envelope.eventId,
  ...(envelope.correlationId && { correlationId: envelope.correlationId }),
  ...(envelope.traceparent && { traceparent: envelope.traceparent }),
});

/**
 * Each decision is timed by the pledge event's own instant (committed, collected, withdrawn), not
 * by when this consumer got round to it: a tip paid on 31 January stays in January's ledger
 * however late the message arrives, and a redelivery decides exactly as the first delivery did.
 */
const at = (instant: string) => ({ now: new Date(instant), actor: SYSTEM_ACTOR });

/**
 * The pledge service's facts, turned into the tip's commands in the inbox's transaction: the tip
 * events and the inbox entry commit together, so a redelivered message changes nothing. The Stripe
 * refund a withdrawal owes is not made here: `TipRefundedWithPledge` is the promise, kept by the
 * refund worker (see `refunds/`).
 */
export const pledgeEventHandlers = (tips: TipStreams): IntegrationEventHandler[] => [
  on(pledgeCommitted, async (pledge, context) => {
    const tipId = tipIdOf(pledge.tip, pledge.pledgeId);
    const { pledgeId, campaignId, contributorRef } = pledge;
    const offer = { tipId, pledgeId, campaignId, contributorRef, amount: pledge.tip.amount, pledgeAmount: pledge.amount };
    const offerTip = { type: 'OfferTip', data: offer, metadata: at(pledge.committedAt) } as const;
    if (!pledge.charged) {
      await tips.execute(offerTip, causedBy(context), context.client);
      return;
    }
    if (!pledge.paymentIntentId) throw new TypeError(`charged pledge ${pledgeId} came without its paymentIntentId`);
    // Offered and paid at once (a keep-it-all pledge): one read and one append of the tip's stream.
    const payment = { tipId, pledgeId, paymentId: pledge.paymentIntentId };
    await tips.executeAll(
      tipId,
      [offerTip, { type: 'RecordTipPayment', data: payment, metadata: at(pledge.committedAt) }],
      causedBy(context),
      context.client,
    );
  }),
  on(pledgeCollected, async (pledge, context) => {
    const payment = { tipId: tipIdOf(pledge.tip, pledge.pledgeId), pledgeId: pledge.pledgeId, paymentId: pledge.paymentIntentId };
    await tips.execute(
      { type: 'RecordTipPayment', data: payment, metadata: at(pledge.collectedAt) },
      causedBy(context),
      context.client,
    );
  }),
  on(pledgeWithdrawn, async (pledge, context) => {
    const data = { tipId: tipIdOf(pledge.tip, pledge.pledgeId), pledgeId: pledge.pledgeId };
    // The refund worker refunds against the payment the tip recorded: one the pledge service
    // names otherwise is a wiring bug, stopped here before any money moves.
    const tip = await tips.state(data.tipId, context.client);
    if (pledge.charged && 'paymentId' in tip && pledge.paymentIntentId !== undefined && tip.paymentId !== pledge.paymentIntentId)
      throw new TypeError(
        `pledge ${pledge.pledgeId} was withdrawn naming ${pledge.paymentIntentId}, its tip was paid by ${tip.paymentId}`,
      );
    const type = pledge.charged ? 'RefundTipWithPledge' : 'ReleaseTipWithPledge';
    await tips.execute({ type, data, metadata: at(pledge.withdrawnAt) }, causedBy(context), context.client);
  }),
];
