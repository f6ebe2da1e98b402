import { money, ValidationError, type Money } from '@elan/domain-kernel';

/**
 * Stripe counts amounts in the currency's smallest unit, as `Money` does, so amounts cross as they
 * are; only the currency's case differs: Stripe speaks lower case (`eur`), Élan ISO 4217 (`EUR`).
 */
export interface StripeAmount {
  readonly amount: number;
  readonly currency: string;
}

export const toStripeAmount = (value: Money): StripeAmount => {
  const checked = money(value.amount, value.currency);
  if (checked.amount <= 0) throw new ValidationError(`Stripe moves positive amounts only, got ${checked.amount}`, { value });
  return { amount: checked.amount, currency: checked.currency.toLowerCase() };
};

/** Signed: balance transactions of refunds and reversals are negative. */
export const fromStripeAmount = (amount: number, currency: string): Money => money(amount, currency.toUpperCase());
