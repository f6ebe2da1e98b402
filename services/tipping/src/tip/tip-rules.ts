/** One day in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The limits the tip aggregate enforces, bound in by the service from its configuration so no
 * command can choose its own. Only `decide` depends on them; replaying history never re-checks.
 */
export interface TipRules {
  /** How long after payment a contributor may have their tip refunded alone (admins: any time). */
  readonly contributorRefundWindowMs: number;
  /** The largest tip as a whole multiple of its pledge (1: a tip may equal the pledge, not exceed it). */
  readonly maxTipMultipleOfPledge: number;
}

export const DEFAULT_TIP_RULES: TipRules = {
  contributorRefundWindowMs: 30 * DAY_MS,
  maxTipMultipleOfPledge: 1,
};

export const tipRules = (overrides: Partial<TipRules> = {}): TipRules => ({ ...DEFAULT_TIP_RULES, ...overrides });

/** Bad limits are a configuration bug: refused when the service builds its decider, not per command. */
export const checkTipRules = (rules: TipRules): TipRules => {
  if (!Number.isSafeInteger(rules.contributorRefundWindowMs) || rules.contributorRefundWindowMs < 0)
    throw new TypeError(`contributorRefundWindowMs must be a non-negative integer, got ${rules.contributorRefundWindowMs}`);
  if (!Number.isSafeInteger(rules.maxTipMultipleOfPledge) || rules.maxTipMultipleOfPledge < 1)
    throw new TypeError(`maxTipMultipleOfPledge must be a positive integer, got ${rules.maxTipMultipleOfPledge}`);
  return rules;
};
