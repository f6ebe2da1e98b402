import type { CampaignApplication } from '../application/campaign-application';
import type { ScheduledHandler } from './durable-scheduler';
import { CLOSE, LAUNCH } from './campaign-schedule.projection';

/**
 * What the scheduler does at a campaign's start and deadline. At the deadline the campaign only
 * stops taking pledges (`closing`); its outcome waits for the pledge service's tally (ADR 0008).
 */
export const campaignDeadlineHandlers = (
  campaigns: CampaignApplication,
): Record<typeof LAUNCH | typeof CLOSE, ScheduledHandler> => ({
  [LAUNCH]: async (command, client) => {
    await campaigns.execute({ type: 'LaunchCampaign', data: { campaignId: command.subjectId }, metadata: {} }, client);
  },
  [CLOSE]: async (command, client) => {
    await campaigns.execute({ type: 'CloseCampaign', data: { campaignId: command.subjectId }, metadata: {} }, client);
  },
});
