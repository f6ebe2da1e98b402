import { ValidationError } from './errors';

/**
 * An ISO 4217 alphabetic code such as `EUR`. A plain string, so amounts stay readable in events
 * and JSON; `money()` checks the shape (three uppercase letters), not membership of the ISO list.
 */
export type Currency = string;

/**
 * An amount as an integer count of the currency's minor units (cents for EUR), never a float:
 * floats cannot hold 0.10 exactly, and a ledger must sum to the cent. Values are immutable;
 * every operation returns a new one and throws `ValidationError` when currencies are mixed.
 * Negative amounts exist so that differences (refunds, balances) can be expressed.
 */
export interface Money {
  /** Minor units; a safe integer, possibly negative. */
  readonly amount: number;
  readonly currency: Currency;
}

/**
 * How a fractional count of minor units becomes whole, with the meanings of Java's
 * `RoundingMode`: `down` towards zero, `up` away from zero, `half_even` to the nearest and on a
 * tie to the even neighbour (banker's rounding, no drift over many operations). There is no
 * default: whoever rounds money decides in whose favour.
 */
export type RoundingMode = 'down' | 'up' | 'half_even';

/** The result of `compare`, usable directly as an `Array.prototype.sort` comparator result. */
export type Comparison = -1 | 0 | 1;

const CURRENCY_PATTERN = /^[A-Z]{3}$/;
const ROUNDING_MODES: readonly RoundingMode[] = ['down', 'up', 'half_even'];

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** Whether `value` has the shape of an ISO 4217 code, for checking input before calling `money()`. */
export const isCurrency = (value: unknown): value is Currency => typeof value === 'string' && CURRENCY_PATTERN.test(value);

const assertCurrency = (value: unknown): void => {
  if (!isCurrency(value))
    throw new ValidationError(`currency must be an ISO 4217 code of three uppercase letters, got ${show(value)}`, {
      currency: value,
    });
};

const assertAmount = (value: unknown, currency: Currency): void => {
  if (!Number.isSafeInteger(value))
    throw new ValidationError(`amount must be a safe integer count of minor units, got ${show(value)} ${currency}`, {
      amount: value,
      currency,
    });
};

/** Values built as literals or parsed from JSON bypass `money()`, so operations check operands too. */
const assertMoney = (value: Money): void => {
  assertCurrency(value.currency);
  assertAmount(value.amount, value.currency);
};

const assertSameCurrency = (operation: string, left: Money, right: Money): void => {
  assertMoney(left);
  assertMoney(right);
  if (left.currency !== right.currency)
    throw new ValidationError(`cannot ${operation} ${left.currency} and ${right.currency}: currencies differ`, { left, right });
};

/** Builds a validated Money; `-0` becomes `0` so that equal amounts are equal for Jest too. */
export const money = (amount: number, currency: Currency): Money => {
  assertCurrency(currency);
  assertAmount(amount, currency);
  return Object.freeze({ amount: amount + 0, currency });
};

/** Euros, the platform's home currency: `eur(1050)` is €10.50. */
export const eur = (amount: number): Money => money(amount, 'EUR');

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Every computed amount goes through here, so no result leaves the safe integer range. */
const result = (amount: number | bigint, currency: Currency, operation: string): Money => {
  const safe = typeof amount === 'bigint' ? amount >= -MAX_SAFE && amount <= MAX_SAFE : Number.isSafeInteger(amount);
  if (!safe)
    throw new ValidationError(`${operation} leaves the safe integer range (${String(amount)} ${currency})`, {
      amount: String(amount),
      currency,
    });
  return money(Number(amount), currency);
};

// A float sum or difference of safe integers is exact unless its true value is beyond 2^53 - 1,
// in which case the rounded value is too, so checking the result is enough.
export const add = (left: Money, right: Money): Money => {
  assertSameCurrency('add', left, right);
  return result(left.amount + right.amount, left.currency, `${left.amount} + ${right.amount}`);
};

export const subtract = (left: Money, right: Money): Money => {
  assertSameCurrency('subtract', left, right);
  return result(left.amount - right.amount, left.currency, `${left.amount} - ${right.amount}`);
};

export const compare = (left: Money, right: Money): Comparison => {
  assertSameCurrency('compare', left, right);
  return left.amount < right.amount ? -1 : left.amount > right.amount ? 1 : 0;
};

/** Throws on different currencies rather than answering `false`: comparing them is a bug. */
export const equals = (left: Money, right: Money): boolean => compare(left, right) === 0;

export const isZero = (value: Money): boolean => {
  assertMoney(value);
  return value.amount === 0;
};

export const isNegative = (value: Money): boolean => {
  assertMoney(value);
  return value.amount < 0;
};

const assertInteger = (name: string, value: number): void => {
  if (!Number.isSafeInteger(value))
    throw new ValidationError(`${name} must be a safe integer, got ${show(value)}`, { [name]: value });
};

/** Divides with BigInt, rounding as asked; `denominator` is positive. */
const divide = (dividend: bigint, denominator: bigint, rounding: RoundingMode): bigint => {
  const quotient = dividend / denominator; // truncates towards zero
  const remainder = dividend % denominator; // carries the sign of the dividend
  if (remainder === 0n) return quotient;
  const awayFromZero = quotient + (dividend < 0n ? -1n : 1n);
  switch (rounding) {
    case 'down':
      return quotient;
    case 'up':
      return awayFromZero;
    case 'half_even': {
      const twice = 2n * (remainder < 0n ? -remainder : remainder);
      if (twice < denominator) return quotient;
      if (twice > denominator) return awayFromZero;
      return quotient % 2n === 0n ? quotient : awayFromZero;
    }
  }
};

/**
 * `value × numerator / denominator`, computed exactly with BigInt and rounded once, as asked:
 * percentages, fees and exchange rates expressed as integer ratios (`7, 100` for 7 %).
 */
export const multiplyByRatio = (value: Money, numerator: number, denominator: number, rounding: RoundingMode): Money => {
  assertMoney(value);
  assertInteger('numerator', numerator);
  assertInteger('denominator', denominator);
  if (denominator <= 0) throw new ValidationError(`denominator must be a positive integer, got ${denominator}`, { denominator });
  if (!ROUNDING_MODES.includes(rounding))
    throw new ValidationError(`rounding must be one of ${ROUNDING_MODES.join(', ')}, got ${show(rounding)}`, {
      rounding,
    });
  const exact = BigInt(value.amount) * BigInt(numerator);
  return result(divide(exact, BigInt(denominator), rounding), value.currency, `${value.amount} × ${numerator} / ${denominator}`);
};

/**
 * Splits `value` into parts proportional to integer `ratios` that sum exactly to `value`.
 * Each part first gets its share rounded towards zero; the cents left over go one by one to the
 * parts with the largest remainders, ties to the earlier part, so the result is deterministic
 * and a part of ratio 0 gets nothing. Negative amounts split like their absolute value, negated.
 */
export const allocate = (value: Money, ratios: readonly number[]): Money[] => {
  assertMoney(value);
  if (ratios.length === 0) throw new ValidationError('allocate needs at least one ratio', { ratios });
  ratios.forEach((ratio, index) => {
    if (!Number.isSafeInteger(ratio) || ratio < 0)
      throw new ValidationError(`ratio ${index} must be a non-negative safe integer, got ${show(ratio)}`, {
        ratios,
      });
  });
  const weights = ratios.map((ratio) => BigInt(ratio));
  const totalWeight = weights.reduce((total, weight) => total + weight, 0n);
  if (totalWeight === 0n) throw new ValidationError('allocate needs at least one positive ratio', { ratios });

  const sign = value.amount < 0 ? -1n : 1n;
  const whole = sign * BigInt(value.amount);
  const shares = weights.map((weight, index) => ({
    index,
    base: (whole * weight) / totalWeight,
    remainder: (whole * weight) % totalWeight,
  }));
  const leftover = whole - shares.reduce((total, share) => total + share.base, 0n);
  const favoured = new Set(
    [...shares]
      .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))
      .slice(0, Number(leftover))
      .map((share) => share.index),
  );
  return shares.map((share) => money(Number(sign * (share.base + (favoured.has(share.index) ? 1n : 0n))), value.currency));
};

/** Adds up `values`; `currency` names the result of an empty list and every value must match it. */
export const sum = (values: readonly Money[], currency: Currency): Money =>
  values.reduce((total, value) => add(total, value), money(0, currency));
