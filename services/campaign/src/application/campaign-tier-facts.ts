import { NotFoundError } from '@elan/domain-kernel';
import type { TierFactsReader } from '../tier-stock/application/tier-stock.service';
import type { CampaignApplication } from './campaign-application';

/** What the tier stock needs to know of a campaign, read from the campaign's own stream. */
export const campaignTierFacts =
  (campaigns: CampaignApplication): TierFactsReader =>
  async (campaignId, tierId, client) => {
    const campaign = await campaigns.load(campaignId, client);
    if (campaign.status === 'none') throw new NotFoundError(`no campaign ${campaignId}`, { field: 'campaignId' });
    const tier = campaign.tiers.find((t) => t.tierId === tierId);
    if (!tier) throw new NotFoundError(`no tier ${tierId} in campaign ${campaignId}`, { field: 'tierId' });
    return {
      campaignId,
      campaignLive: campaign.status === 'live',
      tierOpen: tier.status === 'open',
      quantityLimit: tier.quantityLimit,
    };
  };
