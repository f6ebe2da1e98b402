import { campaignRules, DAY_MS, DEFAULT_CAMPAIGN_RULES, TEST_CAMPAIGN_RULES } from './campaign-rules';

describe('campaign rules', () => {
  it('let campaigns last 1 to 90 days, in euros, by default', () =>
    expect(DEFAULT_CAMPAIGN_RULES).toEqual({ minDurationMs: DAY_MS, maxDurationMs: 90 * DAY_MS, currency: 'EUR' }));

  it('let a test campaign last one second', () => expect(TEST_CAMPAIGN_RULES.minDurationMs).toBe(1_000));

  it('take overrides over the defaults', () =>
    expect(campaignRules({ maxDurationMs: 60 * DAY_MS })).toEqual({ ...DEFAULT_CAMPAIGN_RULES, maxDurationMs: 60 * DAY_MS }));

  it.each([
    ['a zero minimum', { minDurationMs: 0 }],
    ['a fractional minimum', { minDurationMs: 1.5 }],
    ['a maximum below the minimum', { minDurationMs: 2 * DAY_MS, maxDurationMs: DAY_MS }],
    ['a currency that is not ISO 4217', { currency: 'euro' }],
  ])('refuse %s, at start-up', (_, overrides) => expect(() => campaignRules(overrides)).toThrow(RangeError));
});
