import type { PostgresEventStore, RecordedEvent, Subscription } from '@elan/event-store';
import { CAMPAIGN_STREAM_PREFIX, asCampaignEvent } from '../application/campaign-streams';
import { schedule, unschedule, type ScheduledKind } from './scheduled-commands';

export const LAUNCH = 'launch' satisfies ScheduledKind;
export const CLOSE = 'close' satisfies ScheduledKind;

/**
 * Keeps the scheduler's table in step with the campaign log (ADR 0008): approval schedules the
 * launch at the start, launch schedules the close at the deadline, cancellation removes both.
 * Rows commit with the subscription's checkpoint, so no deadline is missed or doubled.
 */
export const campaignScheduleProjection = (
  store: PostgresEventStore,
  onScheduled: () => void = () => undefined,
  /** A failed batch is rolled back and retried after a back-off; this hears about it (for the logs). */
  options: { readonly onError?: (error: unknown) => void } = {},
): Subscription =>
  store.subscribe({
    name: 'campaign-schedule',
    ...(options.onError && { onError: options.onError }),
    handle: async (events: readonly RecordedEvent[], client) => {
      let scheduled = false;
      for (const recorded of events) {
        if (!recorded.streamId.startsWith(CAMPAIGN_STREAM_PREFIX)) continue;
        const event = asCampaignEvent(recorded);
        switch (event.type) {
          case 'CampaignApproved':
            await schedule(client, store.schema, LAUNCH, event.data.campaignId, new Date(event.data.startsAt));
            scheduled = true;
            break;
          case 'CampaignLaunched':
            await schedule(client, store.schema, CLOSE, event.data.campaignId, new Date(event.data.deadline));
            scheduled = true;
            break;
          case 'CampaignCancelled':
            await unschedule(client, store.schema, event.data.campaignId, [LAUNCH, CLOSE]);
            break;
          default:
            break;
        }
      }
      if (scheduled) onScheduled();
    },
  });
