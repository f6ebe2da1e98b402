/** The campaign service as others start it (`npm start`, end-to-end tests): see `app/campaign-service.ts`. */
export { CAMPAIGN_RULE_SETS, campaignConfigFromEnv, createCampaignService } from './app';
export type { CampaignConfig, CampaignService, CampaignServiceOptions } from './app';
