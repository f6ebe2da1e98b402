import type { RecordedEvent } from '@elan/event-store';
import type { CampaignEvent } from '../campaign';

/** `campaign-<campaignId>`: one stream per campaign. */
export const campaignStream = (campaignId: string): string => `campaign-${campaignId}`;

export const CAMPAIGN_STREAM_PREFIX = 'campaign-';

/** Events of this service's own streams were validated when decided; they come back as they went in. */
export const asCampaignEvent = (event: RecordedEvent): CampaignEvent => ({ type: event.type, data: event.data }) as CampaignEvent;
