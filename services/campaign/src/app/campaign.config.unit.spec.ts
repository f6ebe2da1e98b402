import { createPeerCredentials } from '@elan/messaging';
import { DEFAULT_CAMPAIGN_RULES, TEST_CAMPAIGN_RULES } from '../campaign';
import { campaignConfigFromEnv } from './campaign.config';

const required = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/elan', NATS_URL: 'nats://127.0.0.1:4222' };

describe('the campaign service configuration from the environment', () => {
  it('needs only the database and NATS, with production defaults for the rest', () => {
    expect(campaignConfigFromEnv(required)).toEqual({
      databaseUrl: required.DATABASE_URL,
      natsUrl: required.NATS_URL,
      schema: 'campaign',
      rules: DEFAULT_CAMPAIGN_RULES,
      tierHoldMs: 30 * 60_000,
      requiresPayoutAccount: false,
    });
  });

  it('requires a payout account to submit a campaign in production, unless told otherwise', () => {
    const [campaign] = createPeerCredentials(['campaign']);
    const production = { ...required, NODE_ENV: 'production', NATS_NKEY_SEED: campaign?.seed };
    expect(campaignConfigFromEnv(production).requiresPayoutAccount).toBe(true);
    expect(campaignConfigFromEnv({ ...required, NODE_ENV: 'test' }).requiresPayoutAccount).toBe(false);
    expect(campaignConfigFromEnv({ ...production, CAMPAIGN_REQUIRES_PAYOUT_ACCOUNT: 'false' }).requiresPayoutAccount).toBe(false);
    expect(campaignConfigFromEnv({ ...required, CAMPAIGN_REQUIRES_PAYOUT_ACCOUNT: 'true' }).requiresPayoutAccount).toBe(true);
    expect(() => campaignConfigFromEnv({ ...required, CAMPAIGN_REQUIRES_PAYOUT_ACCOUNT: 'yes' })).toThrow(
      /CAMPAIGN_REQUIRES_PAYOUT_ACCOUNT/,
    );
  });

  it('runs second-long campaigns with CAMPAIGN_RULES=test, in the schema and hold time asked for', () => {
    const config = campaignConfigFromEnv({
      ...required,
      CAMPAIGN_RULES: 'test',
      CAMPAIGN_SCHEMA: 'campaign_e2e',
      TIER_HOLD_MS: '60000',
    });
    expect(config).toMatchObject({ rules: TEST_CAMPAIGN_RULES, schema: 'campaign_e2e', tierHoldMs: 60_000 });
  });

  it('refuses to start on a bad value, naming the variable', () => {
    expect(() => campaignConfigFromEnv({ NATS_URL: required.NATS_URL })).toThrow(/DATABASE_URL/);
    expect(() => campaignConfigFromEnv({ ...required, CAMPAIGN_RULES: 'fast' })).toThrow(/CAMPAIGN_RULES/);
    expect(() => campaignConfigFromEnv({ ...required, CAMPAIGN_SCHEMA: 'Campaign; DROP' })).toThrow(/CAMPAIGN_SCHEMA/);
    expect(() => campaignConfigFromEnv({ ...required, TIER_HOLD_MS: '0' })).toThrow(/TIER_HOLD_MS/);
  });
});
