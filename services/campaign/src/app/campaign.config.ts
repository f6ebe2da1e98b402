import { z } from 'zod';
import { serviceConfigFromEnv, type ServiceConfig } from '@elan/service-kit';
import { DEFAULT_CAMPAIGN_RULES, TEST_CAMPAIGN_RULES, type CampaignRules } from '../campaign';
import { DEFAULT_HOLD_MS } from '../tier-stock/application/tier-stock.service';

/** Everything the campaign service needs from its surroundings, passed explicitly (no env reads inside). */
export interface CampaignConfig extends ServiceConfig {
  /** Limits the campaign decider applies; `TEST_CAMPAIGN_RULES` lets end-to-end tests run second-long campaigns. */
  readonly rules: CampaignRules;
  /** How long a reserved tier unit is held for a pledge before it returns to stock. */
  readonly tierHoldMs: number;
  /**
   * Whether a campaign may be submitted for review only once its holder has started a payout
   * account (issue #11, ADR 0026). Absent: not required.
   */
  readonly requiresPayoutAccount?: boolean;
}

/** The rule sets `CAMPAIGN_RULES` may name. */
export const CAMPAIGN_RULE_SETS: Readonly<Record<'default' | 'test', CampaignRules>> = {
  default: DEFAULT_CAMPAIGN_RULES,
  test: TEST_CAMPAIGN_RULES,
};

/**
 * The configuration of a campaign service started on its own (`main.ts`) or by `npm start`:
 * the kit's common variables (`serviceConfigFromEnv`: CAMPAIGN_SCHEMA, CAMPAIGN_POOL_SIZE…),
 * plus CAMPAIGN_RULES (`default` | `test`), TIER_HOLD_MS (30 min) and
 * CAMPAIGN_REQUIRES_PAYOUT_ACCOUNT (`true` | `false`; by default `true` when NODE_ENV=production,
 * `false` elsewhere, so development and tests need no Stripe onboarding to submit a campaign).
 */
export function campaignConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): CampaignConfig {
  const { own, ...common } = serviceConfigFromEnv('campaign', env, {
    CAMPAIGN_RULES: z.enum(['default', 'test']).default('default'),
    TIER_HOLD_MS: z.coerce.number().int().positive().default(DEFAULT_HOLD_MS),
    CAMPAIGN_REQUIRES_PAYOUT_ACCOUNT: z.enum(['true', 'false']).optional(),
  });
  const requiresPayoutAccount = (own.CAMPAIGN_REQUIRES_PAYOUT_ACCOUNT ?? String(env.NODE_ENV === 'production')) === 'true';
  return { ...common, rules: CAMPAIGN_RULE_SETS[own.CAMPAIGN_RULES], tierHoldMs: own.TIER_HOLD_MS, requiresPayoutAccount };
}
