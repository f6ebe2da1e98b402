import {
  campaignApproved,
  campaignCancelled,
  campaignDeadlineReached,
  campaignEnded,
  campaignFailed,
  campaignLaunched,
  campaignRejected,
  campaignSucceeded,
  campaignUpdatePosted,
} from '@elan/contracts';
import type { RecordedEvent } from '@elan/event-store';
import type { IntegrationMapping } from '@elan/messaging';
import { CAMPAIGN_STREAM_PREFIX, asCampaignEvent } from '../application/campaign-streams';

/**
 * Which campaign facts other services hear about (the published language of ADR 0005). Drafts,
 * edits and tier stock stay inside the campaign service; of moderation, only approvals and
 * rejections go out, and posted updates, for the mails (ADR 0031).
 */
export const toIntegrationEvent = (recorded: RecordedEvent): IntegrationMapping => {
  if (!recorded.streamId.startsWith(CAMPAIGN_STREAM_PREFIX)) return null;
  const event = asCampaignEvent(recorded);
  switch (event.type) {
    case 'CampaignLaunched': {
      const { launchedAt: _launchedAt, ...payload } = event.data;
      return { contract: campaignLaunched, payload };
    }
    case 'CampaignDeadlineReached': {
      // The pledge service tallies on it (ADR 0008); when it was recorded is the campaign's business.
      const { reachedAt: _reachedAt, ...payload } = event.data;
      return { contract: campaignDeadlineReached, payload };
    }
    case 'CampaignSucceeded':
    case 'CampaignFailed': {
      const { campaignId, closedAt, committedTotal, backers } = event.data;
      return {
        contract: event.type === 'CampaignSucceeded' ? campaignSucceeded : campaignFailed,
        payload: { campaignId, closedAt, committedTotal, backers },
      };
    }
    case 'CampaignEnded': {
      const { campaignId, closedAt, committedTotal, backers } = event.data;
      // Keep-it-all pledges are charged when made: the tally's committed total is what was collected.
      return { contract: campaignEnded, payload: { campaignId, closedAt, collectedTotal: committedTotal, backers } };
    }
    case 'CampaignCancelled': {
      const { campaignId, cancelledAt, reason } = event.data;
      return { contract: campaignCancelled, payload: { campaignId, cancelledAt, reason } };
    }
    // Notifications (issue #12 part 2): moderation decisions for the holder, updates for the backers.
    case 'CampaignApproved': {
      const { campaignId, holderId, title, startsAt, deadline, approvedAt } = event.data;
      // Approvals recorded before the event carried its holder are not republished: nobody to tell.
      if (holderId === undefined || title === undefined) return null;
      return { contract: campaignApproved, payload: { campaignId, holderId, title, startsAt, deadline, approvedAt } };
    }
    case 'CampaignRejected': {
      const { campaignId, holderId, title, reason, rejectedAt } = event.data;
      if (holderId === undefined || title === undefined) return null;
      return { contract: campaignRejected, payload: { campaignId, holderId, title, reason, rejectedAt } };
    }
    case 'CampaignUpdatePosted': {
      const { campaignId, update } = event.data;
      return { contract: campaignUpdatePosted, payload: { campaignId, ...update } };
    }
    default:
      return null;
  }
};
