import { eur, isCurrency, type Currency, type Money } from '@elan/domain-kernel';

/**
 * Limits that are configuration rather than law (deliverable 5 of issue #10): the decider is
 * built with them (`createPledgeDecider(rules)`), so every command of one service instance is
 * judged by the same rules and tests can shorten the retry window.
 */
export interface PledgeRules {
  /** The one currency of pledges and tips: EUR for now. */
  readonly currency: Currency;
  /** The least a pledge may be, inclusive (1 € by default). */
  readonly minimumPledge: Money;
  /** The most a pledge may be, inclusive. */
  readonly maximumPledge: Money;
  /** A tip may be at most this whole multiple of the pledge, inclusive. */
  readonly maxTipMultiple: number;
  /** How long after a first declined collection the contributor may update the card, in ms. */
  readonly retryWindowMs: number;
  /** Whether a holder may pledge on their own campaign. */
  readonly allowPledgeOnOwnCampaign: boolean;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

const positiveInteger = (name: string, value: number): void => {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive whole number, got ${value}`);
};

const check = (rules: PledgeRules): PledgeRules => {
  const { currency, minimumPledge, maximumPledge, maxTipMultiple, retryWindowMs, allowPledgeOnOwnCampaign } = rules;
  if (!isCurrency(currency)) throw new RangeError(`currency must be an ISO 4217 code, got ${String(currency)}`);
  for (const [name, value] of [
    ['minimumPledge', minimumPledge],
    ['maximumPledge', maximumPledge],
  ] as const) {
    if (value.currency !== currency) throw new RangeError(`${name} must be in ${currency}, got ${value.currency}`);
    positiveInteger(`${name}.amount`, value.amount);
  }
  if (maximumPledge.amount < minimumPledge.amount) throw new RangeError('maximumPledge must be ≥ minimumPledge');
  positiveInteger('maxTipMultiple', maxTipMultiple);
  positiveInteger('retryWindowMs', retryWindowMs);
  if (typeof allowPledgeOnOwnCampaign !== 'boolean') throw new RangeError('allowPledgeOnOwnCampaign must be a boolean');
  return Object.freeze({ currency, minimumPledge, maximumPledge, maxTipMultiple, retryWindowMs, allowPledgeOnOwnCampaign });
};

/** Production rules: 1 € to 100,000 €, a tip up to the pledge itself, 7 days to update a declined card. */
export const DEFAULT_PLEDGE_RULES: PledgeRules = check({
  currency: 'EUR',
  minimumPledge: eur(100),
  maximumPledge: eur(10_000_000),
  maxTipMultiple: 1,
  retryWindowMs: 7 * DAY_MS,
  allowPledgeOnOwnCampaign: false,
});

/** For end-to-end tests: the retry window lasts two seconds, so it closes during the test. */
export const TEST_PLEDGE_RULES: PledgeRules = check({ ...DEFAULT_PLEDGE_RULES, retryWindowMs: 2_000 });

/** The default rules with `overrides`, checked: a bad configuration fails at start-up. */
export const pledgeRules = (overrides: Partial<PledgeRules> = {}): PledgeRules =>
  check({ ...DEFAULT_PLEDGE_RULES, ...overrides });
