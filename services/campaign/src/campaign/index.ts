export * from './campaign.values';
export * from './campaign.commands';
export * from './campaign.events';
export * from './campaign.state';
export * from './campaign.decide';
export * from './campaign-drafting.decide';
export * from './campaign-lifecycle.decide';
export * from './campaign-tiers.decide';
export * from './campaign-updates.decide';
export * from './campaign-moderation.decide';
export * from './campaign.decider';
export * from './campaign-rules';
export * from './departements';
/** Test builders (fixed ids, fixed clock), namespaced so their names never clash with the decisions'. */
export * as campaignFixtures from './campaign.fixtures';
