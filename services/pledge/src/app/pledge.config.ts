import { z } from 'zod';
import { stripeConnectionFromEnv, type StripeConnection } from '@elan/payments';
import { serviceConfigFromEnv, type ServiceConfig } from '@elan/service-kit';
import { transparencyConfigFromEnv, type TransparencyConfig } from '@elan/transparency';
import { DEFAULT_PLEDGE_RULES, TEST_PLEDGE_RULES, pledgeRules, type PledgeRules } from '../pledge';

/** The pledge service's configuration: the kit's common part, the pledge rules, Stripe and its timers. */
export interface PledgeConfig extends ServiceConfig {
  readonly rules: PledgeRules;
  /** Where the payment port talks; absent: pledges are refused with a clear error (no payments configured). */
  readonly stripe?: StripeConnection;
  /** How long after the deadline the tally waits for webhooks in flight (ADR 0008): 5 minutes by default. */
  readonly tallyGraceMs: number;
  /** An unfinished checkout is abandoned this long after its last change, its tier unit released: 30 minutes by default. */
  readonly checkoutTimeoutMs: number;
  /** How often the sweeper looks for due work (abandoned checkouts, tallies, closed retry windows). */
  readonly sweepIntervalMs: number;
  /**
   * Signed checkpoints of the pledge streams (ADR 0025): TRANSPARENCY_SIGNING_KEY and
   * TRANSPARENCY_INTERVAL_MS; absent, the development key and an hourly checkpoint.
   */
  readonly transparency?: TransparencyConfig;
}

const milliseconds = (max: number) => z.coerce.number().int().min(0).max(max);

const ownEnvironment = {
  /** `default` (1 € to 100,000 €, 7-day retry window) or `test` (the retry window lasts 2 s). */
  PLEDGE_RULES: z.enum(['default', 'test']).default('default'),
  /** Whether a holder may back their own campaign (`true`/`false`); refused by default. */
  PLEDGE_ALLOW_OWN_CAMPAIGN: z.enum(['true', 'false']).optional(),
  /** How long a contributor has to update a declined card, overriding the rules' (7 days by default). */
  PLEDGE_RETRY_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(90 * 24 * 3_600_000)
    .optional(),
  PLEDGE_TALLY_GRACE_MS: milliseconds(24 * 3_600_000).default(5 * 60_000),
  PLEDGE_CHECKOUT_TIMEOUT_MS: milliseconds(24 * 3_600_000).default(30 * 60_000),
  PLEDGE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
};

export function pledgeConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): PledgeConfig {
  const { own, ...config } = serviceConfigFromEnv('pledge', env, ownEnvironment);
  const base = own.PLEDGE_RULES === 'test' ? TEST_PLEDGE_RULES : DEFAULT_PLEDGE_RULES;
  const stripe = stripeConnectionFromEnv(env);
  return {
    ...config,
    rules: pledgeRules({
      ...base,
      ...(own.PLEDGE_ALLOW_OWN_CAMPAIGN !== undefined && { allowPledgeOnOwnCampaign: own.PLEDGE_ALLOW_OWN_CAMPAIGN === 'true' }),
      ...(own.PLEDGE_RETRY_WINDOW_MS !== undefined && { retryWindowMs: own.PLEDGE_RETRY_WINDOW_MS }),
    }),
    ...(stripe && { stripe }),
    tallyGraceMs: own.PLEDGE_TALLY_GRACE_MS,
    checkoutTimeoutMs: own.PLEDGE_CHECKOUT_TIMEOUT_MS,
    sweepIntervalMs: own.PLEDGE_SWEEP_INTERVAL_MS,
    transparency: transparencyConfigFromEnv(env),
  };
}
