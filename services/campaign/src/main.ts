import { runMain } from '@elan/service-kit';
import { CAMPAIGN_RULE_SETS, campaignConfigFromEnv, createCampaignService } from './app';

/**
 * The campaign service on its own, as deployed or as an end-to-end test spawns it:
 *
 *   node -r @swc-node/register services/campaign/src/main.ts
 *
 * with DATABASE_URL, NATS_URL, and optionally CAMPAIGN_SCHEMA (`campaign`), CAMPAIGN_RULES
 * (`test` for second-long campaigns), TIER_HOLD_MS. Once it answers requests it logs
 * `campaign service ready` and, under `fork`, sends the parent `'ready'` (`runMain`).
 */
runMain('campaign service', () => {
  const config = campaignConfigFromEnv(process.env);
  const rules = Object.entries(CAMPAIGN_RULE_SETS).find(([, set]) => set === config.rules)?.[0] ?? 'custom';
  return createCampaignService(config).then((service) => ({
    description: `schema ${config.schema}, ${rules} rules`,
    close: () => service.close(),
  }));
});
