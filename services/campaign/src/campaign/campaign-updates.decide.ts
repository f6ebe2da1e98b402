import { commandTime, existing, requireHolder, requireStatus } from './campaign-access';
import { invalid, text, uuid } from './campaign-fields';
import type { PostCampaignUpdate } from './campaign.commands';
import type { CampaignUpdatePosted } from './campaign.events';
import type { CampaignState } from './campaign.state';

/** Updates are news for contributors: there are none to give before approval, nor after a cancellation. */
const PUBLISHED = ['approved', 'live', 'closing', 'succeeded', 'failed', 'ended'] as const;

export const postCampaignUpdate = (command: PostCampaignUpdate, state: CampaignState): CampaignUpdatePosted => {
  const { data, metadata } = command;
  const campaign = existing(state, data.campaignId);
  requireHolder(campaign, metadata, 'post an update');
  const published = requireStatus(campaign, PUBLISHED, 'have updates posted');
  const updateId = uuid('updateId', data.updateId);
  if (published.updates.some((update) => update.updateId === updateId))
    throw invalid('updateId', 'is already used in this campaign');
  const update = {
    updateId,
    title: text('title', data.title, { max: 120, required: true }),
    body: text('body', data.body, { max: 10_000, required: true }),
    postedAt: commandTime(metadata).at,
  };
  return { type: 'CampaignUpdatePosted', data: { campaignId: published.campaignId, update } };
};
