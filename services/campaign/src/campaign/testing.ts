// The campaign domain's test entry: builders with fixed ids and a fixed clock, kept out of the
// production barrel (`./index.ts`) so no production code can reach them. Namespaced, so their
// names never clash with the decisions'.
export * as campaignFixtures from './campaign.fixtures';
