export { CAMPAIGN_RULE_SETS, campaignConfigFromEnv, type CampaignConfig } from './campaign.config';
export { createCampaignService, type CampaignService, type CampaignServiceOptions } from './campaign-service';
