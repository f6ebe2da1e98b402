import { eur } from '@elan/domain-kernel';
import { DAY_MS, DEFAULT_PLEDGE_RULES, pledgeRules, TEST_PLEDGE_RULES } from './pledge-rules';

describe('pledge rules', () => {
  it('default to 1 € minimum, a tip up to the pledge and a 7-day retry window, own campaigns refused', () =>
    expect(DEFAULT_PLEDGE_RULES).toMatchObject({
      currency: 'EUR',
      minimumPledge: eur(100),
      maxTipMultiple: 1,
      retryWindowMs: 7 * DAY_MS,
      allowPledgeOnOwnCampaign: false,
    }));

  it('shorten the retry window for end-to-end tests', () => expect(TEST_PLEDGE_RULES.retryWindowMs).toBe(2_000));

  it.each([
    ['a maximum below the minimum', { maximumPledge: eur(50) }],
    ['a minimum in another currency', { minimumPledge: { amount: 100, currency: 'USD' } }],
    ['a zero minimum', { minimumPledge: eur(0) }],
    ['a fractional tip multiple', { maxTipMultiple: 1.5 }],
    ['a zero retry window', { retryWindowMs: 0 }],
  ])('refuse %s at start-up', (_case, overrides) => expect(() => pledgeRules(overrides)).toThrow(RangeError));
});
