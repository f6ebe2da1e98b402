import { z } from 'zod';
import { stripeConnectionFromEnv, type StripeConnection } from '@elan/payments';
import { serviceConfigFromEnv, type ServiceConfig } from '@elan/service-kit';
import { transparencyConfigFromEnv, type TransparencyConfig } from '@elan/transparency';
import { DEFAULT_TIP_SUGGESTION_POLICY, WHOLE_BPS, type TipSuggestionPolicy } from './tip';

/** The tipping service's configuration: the kit's common part, the tip suggestion policy and Stripe. */
export interface TippingConfig extends ServiceConfig {
  readonly tipSuggestions: TipSuggestionPolicy;
  /**
   * Where tip refunds go (STRIPE_SECRET_KEY, STRIPE_API_URL). Without it the service still records
   * every tip, and each refund it owes fails loudly (logged, retried) until a key is configured.
   */
  readonly stripe?: StripeConnection;
  /**
   * Signed checkpoints of the tip streams (ADR 0025): TRANSPARENCY_SIGNING_KEY and
   * TRANSPARENCY_INTERVAL_MS; absent, the development key and an hourly checkpoint.
   */
  readonly transparency?: TransparencyConfig;
}

/** Whole numbers written in decimal digits only: no `1e3`, `0x1f4` or `12.5` slips through. */
const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** The policy's variables; each one left out keeps the tip domain's default. */
const suggestionEnvironment = {
  /** Comma-separated shares of the pledge in basis points: `500,1000,1500` is 5 %, 10 %, 15 %. */
  TIP_SUGGESTION_SHARES_BPS: z
    .string()
    .transform((value) => value.split(',').map((share) => share.trim()))
    .pipe(z.array(integer(1, WHOLE_BPS)).min(1))
    .optional(),
  /** Suggestions are rounded down to a multiple of this many minor units (50: 50 cents). */
  TIP_SUGGESTION_STEP: integer(1, 1_000_000).optional(),
  /** No suggestion above this share of the pledge, in basis points (2000: 20 %). */
  TIP_SUGGESTION_MAX_SHARE_BPS: integer(0, WHOLE_BPS).optional(),
};

export function tippingConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): TippingConfig {
  const { own, ...config } = serviceConfigFromEnv('tipping', env, suggestionEnvironment);
  const defaults = DEFAULT_TIP_SUGGESTION_POLICY;
  const stripe = stripeConnectionFromEnv(env);
  return {
    ...config,
    ...(stripe && { stripe }),
    transparency: transparencyConfigFromEnv(env),
    tipSuggestions: {
      ...defaults,
      sharesBps: own.TIP_SUGGESTION_SHARES_BPS ?? defaults.sharesBps,
      step: own.TIP_SUGGESTION_STEP ?? defaults.step,
      maxShareBps: own.TIP_SUGGESTION_MAX_SHARE_BPS ?? defaults.maxShareBps,
    },
  };
}
