import { percentOfGoal, remainingUnits, stretchGoalReached, timeLeftSeconds } from './campaign-figures';

describe('campaign figures', () => {
  it.each([
    [0, 500_000, 0],
    [123_456, 500_000, 24],
    [499_999, 500_000, 99],
    [500_000, 500_000, 100],
    [612_345, 500_000, 122],
    [1, 3, 33],
    // Where floats go wrong: 29 / 100 * 100 is 28.999999999999996.
    [29, 100, 29],
    [57, 100, 57],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 100],
  ])('%i committed of %i is %i % (integer math, rounded down)', (committed, goal, percent) => {
    expect(percentOfGoal(committed, goal)).toBe(percent);
  });

  it('has no percentage without a positive goal', () => {
    expect(percentOfGoal(100, null)).toBeNull();
    expect(percentOfGoal(100, 0)).toBeNull();
  });

  it('counts whole seconds left while live, 0 past the deadline, none otherwise', () => {
    const deadline = new Date('2025-04-09T09:00:00.000Z');
    expect(timeLeftSeconds('live', deadline, new Date('2025-04-09T08:59:58.001Z'))).toBe(1);
    expect(timeLeftSeconds('live', deadline, deadline)).toBe(0);
    expect(timeLeftSeconds('live', deadline, new Date('2025-04-10T00:00:00.000Z'))).toBe(0);
    expect(timeLeftSeconds('approved', deadline, new Date('2025-03-01T00:00:00.000Z'))).toBeNull();
    expect(timeLeftSeconds('succeeded', deadline, new Date('2025-03-01T00:00:00.000Z'))).toBeNull();
  });

  it('leaves unlimited tiers unlimited and never counts below zero', () => {
    expect(remainingUnits(null, 12)).toBeNull();
    expect(remainingUnits(3, 2)).toBe(1);
    expect(remainingUnits(3, 4)).toBe(0);
  });

  it('reaches a stretch goal at its amount, in its currency only', () => {
    expect(stretchGoalReached({ amount: 750_000, currency: 'EUR' }, { amount: 750_000, currency: 'EUR' })).toBe(true);
    expect(stretchGoalReached({ amount: 749_999, currency: 'EUR' }, { amount: 750_000, currency: 'EUR' })).toBe(false);
    expect(stretchGoalReached({ amount: 900_000, currency: 'CHF' }, { amount: 750_000, currency: 'EUR' })).toBe(false);
  });
});
