import {
  campaignCollectionClosed,
  contributorRefOf,
  pledgeChanged,
  pledgeCollected,
  pledgeCollectionDeclined,
  pledgeCommitted,
  pledgesTallied,
  pledgeWithdrawn,
  tierUnitReleased,
  type PayloadOf,
} from '@elan/contracts';
import type { RecordedEvent } from '@elan/event-store';
import type { IntegrationMapping } from '@elan/messaging';
import type { PledgeEvent, PledgesTallied, Settlement } from '../pledge';
import type { CampaignCollectionClosed } from '../workers/pledge-sweeper';

const withdrawn = (
  event: { readonly pledgeId: string; readonly campaignId: string; readonly settlement: Settlement },
  reason: PayloadOf<typeof pledgeWithdrawn>['reason'],
  withdrawnAt: string,
): IntegrationMapping => {
  const { pledgeId, campaignId, settlement } = event;
  return {
    contract: pledgeWithdrawn,
    payload: {
      pledgeId,
      campaignId,
      reason,
      amount: settlement.amount,
      tip: settlement.tip,
      charged: settlement.charged,
      ...(settlement.paymentIntentId && { paymentIntentId: settlement.paymentIntentId }),
      withdrawnAt,
    },
  };
};

/**
 * What of the pledge log others learn (libs/contracts/src/pledge): commitments, changes,
 * collections, declined collections, withdrawals of committed pledges, released tier units, tallies and closed
 * collections. Placing, intents, failures and refusals before a commitment stay inside the service.
 */
export const toIntegrationEvent = (recorded: RecordedEvent): IntegrationMapping => {
  const event = { type: recorded.type, data: recorded.data } as PledgeEvent | PledgesTallied | CampaignCollectionClosed;
  switch (event.type) {
    case 'PledgeCommitted': {
      const { contributor, intentId, ...data } = event.data;
      return {
        contract: pledgeCommitted,
        payload: {
          ...data,
          contributorRef: contributorRefOf(contributor),
          ...(data.charged && { paymentIntentId: intentId }),
        },
      };
    }
    case 'PledgeChanged': {
      const { tier, ...data } = event.data;
      return { contract: pledgeChanged, payload: { ...data, ...(tier && { tierId: tier.tierId }) } };
    }
    case 'PledgeCollected':
      return { contract: pledgeCollected, payload: event.data };
    case 'PledgeCancelled':
      return withdrawn(event.data, 'cancelled', event.data.cancelledAt);
    case 'PledgeRefunded':
      return withdrawn(event.data, 'refunded', event.data.refundedAt);
    case 'PledgeReleased':
      return withdrawn(event.data, 'released', event.data.releasedAt);
    case 'PledgeDropped':
      return withdrawn(event.data, 'dropped', event.data.droppedAt);
    case 'TierUnitReleased':
      return { contract: tierUnitReleased, payload: event.data };
    case 'PledgesTallied': {
      const { pledgeIdsDigest, ...data } = event.data;
      return { contract: pledgesTallied, payload: { ...data, digest: pledgeIdsDigest } };
    }
    case 'CampaignCollectionClosed':
      return { contract: campaignCollectionClosed, payload: event.data };
    // Notifications (issue #12 part 2): the contributor is asked for a new card.
    case 'CollectionDeclined':
      return { contract: pledgeCollectionDeclined, payload: event.data };
    default:
      return null;
  }
};
