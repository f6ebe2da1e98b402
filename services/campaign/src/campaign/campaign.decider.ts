import type { Decider } from '@elan/domain-kernel';
import { DEFAULT_CAMPAIGN_RULES, type CampaignRules } from './campaign-rules';
import type { CampaignCommand } from './campaign.commands';
import { decide } from './campaign.decide';
import type { CampaignEvent } from './campaign.events';
import { evolve, initialState, type CampaignState } from './campaign.state';

export type CampaignDecider = Decider<CampaignCommand, CampaignEvent, CampaignState>;

/**
 * The campaign aggregate with its limits bound in: the service builds it once from its
 * configuration (`TEST_CAMPAIGN_RULES` in end-to-end tests), so no command can choose its own.
 * Only `decide` depends on the rules; replaying history never re-checks them.
 */
export const createCampaignDecider = (rules: CampaignRules = DEFAULT_CAMPAIGN_RULES): CampaignDecider => ({
  decide: (command, state) => decide(command, state, rules),
  evolve,
  initialState,
});

/** The campaign aggregate with the production limits. */
export const campaignDecider: CampaignDecider = createCampaignDecider();
