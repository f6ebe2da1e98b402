import type { Money } from '@elan/domain-kernel';
import type { CampaignApplication } from '../application/campaign-application';
import type { ScheduledHandler } from './durable-scheduler';
import { CLOSE, LAUNCH } from './campaign-schedule.projection';

/**
 * The committed pledges of a campaign at its deadline. The pledge service will answer this
 * through the tally protocol of ADR 0008; until it exists no pledge can be committed, and the
 * answer is zero.
 */
export interface CommittedPledges {
  tally(campaignId: string, currency: string): Promise<{ committedTotal: Money; backers: number }>;
}

export const noPledgesYet: CommittedPledges = {
  tally: async (_campaignId, currency) => ({ committedTotal: { amount: 0, currency }, backers: 0 }),
};

/** What the scheduler does at a campaign's start and deadline. */
export const campaignDeadlineHandlers = (
  campaigns: CampaignApplication,
  pledges: CommittedPledges,
): Record<typeof LAUNCH | typeof CLOSE, ScheduledHandler> => ({
  [LAUNCH]: async (command, client) => {
    await campaigns.execute({ type: 'LaunchCampaign', data: { campaignId: command.subjectId }, metadata: {} }, client);
  },
  [CLOSE]: async (command, client) => {
    const campaign = await campaigns.load(command.subjectId, client);
    if (campaign.status !== 'live') return; // closed or cancelled already: nothing to do
    const { committedTotal, backers } = await pledges.tally(command.subjectId, campaign.goal.currency);
    await campaigns.execute(
      { type: 'CloseCampaign', data: { campaignId: command.subjectId, committedTotal, backers }, metadata: {} },
      client,
    );
  },
});
