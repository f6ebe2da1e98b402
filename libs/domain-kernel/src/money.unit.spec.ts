import { ValidationError } from './errors';
import {
  add,
  allocate,
  compare,
  equals,
  eur,
  isNegative,
  isZero,
  money,
  multiplyByRatio,
  subtract,
  sum,
  type Money,
  type RoundingMode,
} from './money';

const MAX = Number.MAX_SAFE_INTEGER;
const usd = (amount: number): Money => money(amount, 'USD');
const amounts = (values: readonly Money[]): number[] => values.map((value) => value.amount);

describe('money', () => {
  it('holds an integer count of minor units in a currency', () => {
    expect(money(1050, 'EUR')).toEqual({ amount: 1050, currency: 'EUR' });
    expect(eur(-25)).toEqual({ amount: -25, currency: 'EUR' });
    expect(eur(MAX).amount).toBe(MAX);
  });

  it('is immutable', () => {
    expect(Object.isFrozen(eur(1))).toBe(true);
  });

  it('turns negative zero into zero', () => {
    expect(Object.is(eur(-0).amount, 0)).toBe(true);
  });

  it.each([1.5, 0.1, NaN, Infinity, -Infinity, MAX + 1, -MAX - 1])('rejects the amount %p', (amount) => {
    expect(() => eur(amount)).toThrow(ValidationError);
    expect(() => eur(amount)).toThrow(String(amount));
  });

  it.each(['eur', 'EU', 'EURO', '', 'E1R', ' EUR'])('rejects the currency %p', (currency) => {
    expect(() => money(100, currency)).toThrow(ValidationError);
    expect(() => money(100, currency)).toThrow(JSON.stringify(currency));
  });

  it('rejects malformed values built without money()', () => {
    const literal: Money = { amount: 0.5, currency: 'EUR' };
    expect(() => add(literal, eur(1))).toThrow(ValidationError);
    expect(() => isZero({ amount: 0, currency: 'euro' })).toThrow('"euro"');
  });
});

describe('adding and subtracting', () => {
  it('adds and subtracts amounts of one currency', () => {
    expect(add(eur(1050), eur(250))).toEqual(eur(1300));
    expect(subtract(eur(250), eur(1050))).toEqual(eur(-800));
  });

  it('refuses to mix currencies', () => {
    expect(() => add(eur(1), usd(1))).toThrow(new ValidationError('cannot add EUR and USD: currencies differ'));
    expect(() => subtract(eur(1), usd(1))).toThrow(ValidationError);
  });

  it('refuses results beyond the safe integer range', () => {
    expect(add(eur(MAX - 1), eur(1))).toEqual(eur(MAX));
    expect(() => add(eur(MAX), eur(1))).toThrow(ValidationError);
    expect(() => add(eur(MAX), eur(MAX))).toThrow(/safe integer range/);
    expect(() => subtract(eur(-MAX), eur(1))).toThrow(ValidationError);
  });
});

describe('comparing', () => {
  it('orders amounts of one currency', () => {
    expect(compare(eur(1), eur(2))).toBe(-1);
    expect(compare(eur(2), eur(2))).toBe(0);
    expect(compare(eur(3), eur(2))).toBe(1);
    expect([eur(3), eur(-1), eur(2)].sort(compare)).toEqual([eur(-1), eur(2), eur(3)]);
  });

  it('tells equal amounts apart from different ones', () => {
    expect(equals(eur(100), eur(100))).toBe(true);
    expect(equals(eur(100), eur(101))).toBe(false);
  });

  it('refuses to compare currencies', () => {
    expect(() => compare(eur(1), usd(1))).toThrow(ValidationError);
    expect(() => equals(eur(1), usd(1))).toThrow(ValidationError);
  });

  it('knows zero and negative amounts', () => {
    expect(isZero(eur(0))).toBe(true);
    expect(isZero(eur(1))).toBe(false);
    expect(isNegative(eur(-1))).toBe(true);
    expect(isNegative(eur(0))).toBe(false);
  });
});

describe('multiplying by a ratio', () => {
  it.each<[number, number, number, RoundingMode, number]>([
    // amount × numerator / denominator, rounding → expected
    [1000, 7, 100, 'down', 70],
    [1005, 1, 10, 'down', 100],
    [1005, 1, 10, 'up', 101],
    [1000, 1, 3, 'up', 334],
    [1000, 1, 3, 'half_even', 333],
    [1000, 2, 3, 'half_even', 667],
    [25, 1, 10, 'half_even', 2],
    [35, 1, 10, 'half_even', 4],
    [-1005, 1, 10, 'down', -100],
    [-1005, 1, 10, 'up', -101],
    [-25, 1, 10, 'half_even', -2],
    [-35, 1, 10, 'half_even', -4],
    [-1000, 1, 3, 'half_even', -333],
    [1000, -1, 4, 'down', -250],
    [0, 5, 7, 'up', 0],
  ])('%p × %p / %p rounded %s is %p', (amount, numerator, denominator, rounding, expected) => {
    expect(multiplyByRatio(eur(amount), numerator, denominator, rounding)).toEqual(eur(expected));
  });

  it('computes exactly where floating point would not', () => {
    // MAX × 3 overflows a double's integers, but the result fits.
    expect(multiplyByRatio(eur(MAX), 3, 3, 'down')).toEqual(eur(MAX));
    expect(multiplyByRatio(eur(MAX), MAX, MAX, 'down')).toEqual(eur(MAX));
    // As floats, 1e15 × 0.07 is 70000000000000.01.
    expect(multiplyByRatio(eur(1_000_000_000_000_000), 7, 100, 'up')).toEqual(eur(70_000_000_000_000));
  });

  it('refuses results beyond the safe integer range', () => {
    expect(() => multiplyByRatio(eur(MAX), 2, 1, 'down')).toThrow(/safe integer range/);
  });

  it.each([
    [1.5, 2, 'numerator must be a safe integer, got 1.5'],
    [1, 0.5, 'denominator must be a safe integer, got 0.5'],
    [1, 0, 'denominator must be a positive integer, got 0'],
    [1, -3, 'denominator must be a positive integer, got -3'],
    [NaN, 2, 'numerator must be a safe integer, got NaN'],
  ])('rejects the ratio %p / %p', (numerator, denominator, message) => {
    expect(() => multiplyByRatio(eur(100), numerator, denominator, 'down')).toThrow(new ValidationError(message));
  });

  it('rejects an unknown rounding mode', () => {
    const unknown = 'nearest' as RoundingMode;
    expect(() => multiplyByRatio(eur(100), 1, 3, unknown)).toThrow(/"nearest"/);
  });
});

describe('allocating', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [100, [1, 1], [50, 50]],
    [5, [3, 7], [2, 3]],
    [1, [1, 1, 1], [1, 0, 0]],
    [2, [1, 1, 1], [1, 1, 0]],
    [100, [70, 20, 10], [70, 20, 10]],
    [101, [1, 2, 2], [20, 41, 40]],
    [10, [0, 1, 0], [0, 10, 0]],
    [7, [1, 0, 1], [4, 0, 3]],
    [0, [1, 2], [0, 0]],
    [-100, [1, 1, 1], [-34, -33, -33]],
  ])('splits %p by %p into %p', (amount, ratios, expected) => {
    const parts = allocate(eur(amount), ratios);
    expect(amounts(parts)).toEqual(expected);
    expect(sum(parts, 'EUR')).toEqual(eur(amount));
  });

  it('gives leftover cents to the largest remainders, not blindly to the first parts', () => {
    // Exact shares 0.25 and 0.75: the cent goes to the 0.75 part.
    expect(amounts(allocate(eur(1), [1, 3]))).toEqual([0, 1]);
    // Exact shares 0.91, 1.82 and 7.27: two leftover cents, to the first two parts.
    expect(amounts(allocate(eur(10), [1, 2, 8]))).toEqual([1, 2, 7]);
  });

  it('always sums to the total, exactly', () => {
    const ratios = [3, 1, 4, 1, 5, 9, 2, 6];
    for (const amount of [1, 7, 99, 12_345, 1_000_003, MAX, -MAX]) {
      const parts = allocate(eur(amount), ratios);
      expect(parts).toHaveLength(ratios.length);
      expect(sum(parts, 'EUR')).toEqual(eur(amount));
    }
  });

  it('keeps the currency', () => {
    expect(allocate(usd(3), [1, 1])).toEqual([usd(2), usd(1)]);
  });

  it.each([
    [[], 'allocate needs at least one ratio'],
    [[0, 0], 'allocate needs at least one positive ratio'],
    [[1, -1], 'ratio 1 must be a non-negative safe integer, got -1'],
    [[0.5, 1], 'ratio 0 must be a non-negative safe integer, got 0.5'],
  ])('rejects the ratios %p', (ratios, message) => {
    expect(() => allocate(eur(100), ratios)).toThrow(new ValidationError(message));
  });
});

describe('summing', () => {
  it('adds up a list', () => {
    expect(sum([eur(1), eur(2), eur(3)], 'EUR')).toEqual(eur(6));
  });

  it('is zero in the given currency for an empty list', () => {
    expect(sum([], 'USD')).toEqual(usd(0));
  });

  it('refuses a list that mixes currencies', () => {
    expect(() => sum([eur(1), usd(2)], 'EUR')).toThrow(ValidationError);
    expect(() => sum([usd(1)], 'EUR')).toThrow('cannot add EUR and USD');
  });

  it('refuses a total beyond the safe integer range', () => {
    expect(() => sum([eur(MAX), eur(1)], 'EUR')).toThrow(ValidationError);
  });
});
