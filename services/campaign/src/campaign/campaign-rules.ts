import { isCurrency, type Currency } from '@elan/domain-kernel';

/**
 * Limits that are configuration rather than law: the decider is built with them
 * (`createCampaignDecider(rules)`), so one service instance applies the same rules to every
 * command, and tests can run whole campaigns in seconds.
 */
export interface CampaignRules {
  /** Shortest allowed campaign, `deadline − startsAt`, in ms; inclusive. */
  readonly minDurationMs: number;
  /** Longest allowed campaign, `deadline − startsAt`, in ms; inclusive. */
  readonly maxDurationMs: number;
  /** The one currency of goals, tiers, stretch goals and totals: EUR for now. */
  readonly currency: Currency;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

const check = (rules: CampaignRules): CampaignRules => {
  const { minDurationMs, maxDurationMs, currency } = rules;
  if (!Number.isSafeInteger(minDurationMs) || minDurationMs <= 0)
    throw new RangeError(`minDurationMs must be a positive whole number of ms, got ${minDurationMs}`);
  if (!Number.isSafeInteger(maxDurationMs) || maxDurationMs < minDurationMs)
    throw new RangeError(`maxDurationMs must be a whole number of ms ≥ minDurationMs, got ${maxDurationMs}`);
  if (!isCurrency(currency)) throw new RangeError(`currency must be an ISO 4217 code, got ${String(currency)}`);
  return Object.freeze({ minDurationMs, maxDurationMs, currency });
};

/** Production limits: campaigns last from 1 to 90 days, in euros. */
export const DEFAULT_CAMPAIGN_RULES: CampaignRules = check({
  minDurationMs: DAY_MS,
  maxDurationMs: 90 * DAY_MS,
  currency: 'EUR',
});

/** For end-to-end tests: a campaign may last one second, so its deadline comes during the test. */
export const TEST_CAMPAIGN_RULES: CampaignRules = check({ ...DEFAULT_CAMPAIGN_RULES, minDurationMs: 1_000 });

/** The default rules with `overrides`, checked: a bad configuration fails at start-up, not mid-campaign. */
export const campaignRules = (overrides: Partial<CampaignRules> = {}): CampaignRules =>
  check({ ...DEFAULT_CAMPAIGN_RULES, ...overrides });
