import {
  campaignCancelled,
  campaignEnded,
  campaignFailed,
  campaignLaunched,
  campaignSucceeded,
} from './campaign/campaign-lifecycle.events';
import { getCampaign, listCampaigns, listChangedCampaigns, listHolderCampaigns } from './campaign/campaign-catalog.requests';
import { campaignCommands } from './campaign/campaign-commands.requests';
import { getCampaignSummary } from './campaign/campaign-queries.requests';
import { reserveTierUnit } from './campaign/tier-stock.requests';
import { stripeEventReceived } from './gateway/stripe-event-received.events';
import { suggestTips } from './tipping/tip-suggestions.requests';
import type { IntegrationEventContract } from './integration-event';
import type { RequestContract } from './request';

/**
 * Every contract of the published language, in the order docs/contracts.md lists them. A
 * contract missing here is undocumented and unchecked: the catalog test and the docs generator
 * both read these arrays.
 */
export const integrationEvents: readonly IntegrationEventContract[] = [
  campaignLaunched,
  campaignSucceeded,
  campaignFailed,
  campaignEnded,
  campaignCancelled,
  stripeEventReceived,
];

export const requests: readonly RequestContract[] = [
  ...campaignCommands,
  listCampaigns,
  getCampaign,
  listHolderCampaigns,
  listChangedCampaigns,
  getCampaignSummary,
  reserveTierUnit,
  suggestTips,
];
