import { Logger } from '@nestjs/common';
import { stripeEventReceived, type StripeEventReceivedPayload } from '@elan/contracts';
import { ConcurrencyError, DomainError } from '@elan/domain-kernel';
import { on, type IntegrationEventHandler } from '@elan/messaging';
import { isIn, type PledgeState } from '../pledge';
import type { PledgeApplication, PledgeCommandRequest } from '../application/pledge-application';
import { actorMetadataOf } from '../application/pledge-changes';

const logger = new Logger('PledgeStripeEvents');

/** After Stripe's success, a pledge in one of these is being collected: the charge is the collection's. */
const COLLECTING = ['collecting', 'collection_declined', 'card_updated'] as const;

const declineOf = (object: StripeEventReceivedPayload['object']): string =>
  object.declineCode ?? object.errorCode ?? 'payment_failed';

/**
 * The commands a Stripe event about a pledge's intent means, if any. The time that counts is
 * Stripe's (`created`), compared with the deadline by the decider (ADR 0008); duplicates and
 * stale intents are no-ops there, so redelivered or reordered events change nothing.
 */
export const commandsOfStripeEvent = (
  event: StripeEventReceivedPayload,
  pledgeId: string,
  intentId: string,
  state: PledgeState,
): readonly PledgeCommandRequest[] => {
  const at = new Date(event.created).toISOString();
  switch (event.type) {
    case 'payment_intent.succeeded': {
      if (isIn(state, COLLECTING))
        return [{ type: 'RecordCollection', data: { pledgeId, paymentIntentId: intentId, collectedAt: at }, metadata: {} }];
      return [{ type: 'ConfirmPayment', data: { pledgeId, intentId, confirmedAt: at }, metadata: {} }];
    }
    case 'setup_intent.succeeded': {
      if (!isIn(state, ['collection_declined', 'card_updated']))
        return [{ type: 'ConfirmPayment', data: { pledgeId, intentId, confirmedAt: at }, metadata: {} }];
      // A new card saved during the retry window: the SetupIntent was made at the contributor's
      // own request (`UpdatePledgeCard` checked who asked), so Stripe's success is theirs.
      const { contributor } = state;
      const actor = actorMetadataOf(
        contributor.kind === 'account'
          ? { kind: 'account', accountId: contributor.accountId, roles: [] }
          : { kind: 'guest', guestTokenHash: contributor.guestTokenHash },
      );
      return [
        { type: 'UpdateCard', data: { pledgeId, setupIntentId: intentId }, metadata: actor },
        { type: 'RequestCollection', data: { pledgeId }, metadata: {} },
      ];
    }
    case 'payment_intent.payment_failed': {
      if (isIn(state, ['collecting']))
        return [{ type: 'RecordCollectionDecline', data: { pledgeId, declineCode: declineOf(event.object) }, metadata: {} }];
      return [{ type: 'RecordPaymentFailure', data: { pledgeId, intentId, declineCode: declineOf(event.object) }, metadata: {} }];
    }
    case 'setup_intent.setup_failed':
      return [{ type: 'RecordPaymentFailure', data: { pledgeId, intentId, declineCode: declineOf(event.object) }, metadata: {} }];
    default:
      return [];
  }
};

/**
 * The pledge service's side of Stripe's webhooks (ADR 0021): the gateway verified and recorded
 * each event once and routed it here by the `elan_service` metadata Élan set on the intent.
 */
export const stripeEventHandlers = (pledges: PledgeApplication): IntegrationEventHandler[] => [
  on(stripeEventReceived, async (event, { client }) => {
    const pledgeId = event.object.metadata.elan_pledge_id;
    if (event.routedTo !== 'pledge' || !pledgeId) return;
    try {
      const intentId = event.object.id;
      if (!intentId) return;
      await pledges.executeAll(pledgeId, (state) => commandsOfStripeEvent(event, pledgeId, intentId, state), client);
    } catch (error) {
      // An event that fits no pledge (unknown id, an intent never requested) is kept by the
      // gateway's log; retrying it would not make it fit.
      if (!(error instanceof DomainError) || error instanceof ConcurrencyError) throw error;
      logger.warn(`Stripe event ${event.stripeEventId} (${event.type}) ignored for pledge ${pledgeId}: ${error.message}`);
    }
  }),
];
