import { z } from 'zod';
import { natsSeedFromEnv } from '@elan/messaging';
import { DEFAULT_CAMPAIGN_RULES, TEST_CAMPAIGN_RULES, type CampaignRules } from '../campaign';
import { DEFAULT_HOLD_MS } from '../tier-stock/application/tier-stock.service';

/** Everything the campaign service needs from its surroundings, passed explicitly (no env reads inside). */
export interface CampaignConfig {
  /** PostgreSQL database holding the service's schema. */
  readonly databaseUrl: string;
  /** NATS server (JetStream enabled): requests in, integration events out. */
  readonly natsUrl: string;
  /**
   * The service's NATS user seed (`SU…`), for every connection it opens. Absent only on an open
   * server (tests); `campaignConfigFromEnv` requires it in production.
   */
  readonly natsSeed?: string;
  /** The service's own schema: its event log, checkpoints, schedule and read models. */
  readonly schema: string;
  /** Limits the campaign decider applies; `TEST_CAMPAIGN_RULES` lets end-to-end tests run second-long campaigns. */
  readonly rules: CampaignRules;
  /** How long a reserved tier unit is held for a pledge before it returns to stock. */
  readonly tierHoldMs: number;
  /** Connections of the event-store pool, and of the read models' pool (10 unless given). */
  readonly poolSize?: number;
  /**
   * On shutdown, how long requests already running get to answer once the replica stopped
   * taking new ones (2 s unless given; tests pass 0).
   */
  readonly shutdownGraceMs?: number;
}

/** The rule sets `CAMPAIGN_RULES` may name. */
export const CAMPAIGN_RULE_SETS: Readonly<Record<'default' | 'test', CampaignRules>> = {
  default: DEFAULT_CAMPAIGN_RULES,
  test: TEST_CAMPAIGN_RULES,
};

const isUrl = (value: string): boolean => URL.canParse(value);

const environment = z.object({
  DATABASE_URL: z.string().refine(isUrl, 'must be a URL such as postgres://user:password@host:5432/elan'),
  NATS_URL: z.string().refine(isUrl, 'must be a URL such as nats://host:4222'),
  CAMPAIGN_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier')
    .default('campaign'),
  CAMPAIGN_RULES: z.enum(['default', 'test']).default('default'),
  TIER_HOLD_MS: z.coerce.number().int().positive().default(DEFAULT_HOLD_MS),
  CAMPAIGN_POOL_SIZE: z.coerce.number().int().min(2).max(100).optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60_000).optional(),
});

/**
 * The configuration of a campaign service started on its own (`main.ts`) or by `npm start`:
 * DATABASE_URL, NATS_URL, CAMPAIGN_SCHEMA (`campaign`), CAMPAIGN_RULES (`default` | `test`),
 * TIER_HOLD_MS (30 min), CAMPAIGN_POOL_SIZE (10), SHUTDOWN_GRACE_MS (2 s), NATS_NKEY_SEED or
 * NATS_NKEY_SEED_FILE (required when NODE_ENV=production). A bad value stops the
 * start with a message naming it, rather than surfacing mid-campaign.
 */
export function campaignConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): CampaignConfig {
  const parsed = environment.safeParse(env);
  if (!parsed.success) throw new Error(`invalid campaign service environment:\n${z.prettifyError(parsed.error)}`);
  const { DATABASE_URL, NATS_URL, CAMPAIGN_SCHEMA, CAMPAIGN_RULES, TIER_HOLD_MS, CAMPAIGN_POOL_SIZE, SHUTDOWN_GRACE_MS } = parsed.data;
  const natsSeed = natsSeedFromEnv(env);
  return {
    databaseUrl: DATABASE_URL,
    natsUrl: NATS_URL,
    ...(natsSeed !== undefined && { natsSeed }),
    schema: CAMPAIGN_SCHEMA,
    rules: CAMPAIGN_RULE_SETS[CAMPAIGN_RULES],
    tierHoldMs: TIER_HOLD_MS,
    ...(CAMPAIGN_POOL_SIZE !== undefined && { poolSize: CAMPAIGN_POOL_SIZE }),
    ...(SHUTDOWN_GRACE_MS !== undefined && { shutdownGraceMs: SHUTDOWN_GRACE_MS }),
  };
}
