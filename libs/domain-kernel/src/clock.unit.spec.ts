import { fixedClock, manualClock, systemClock } from './clock';

const START = new Date('2025-03-01T09:00:00.000Z');

describe('the system clock', () => {
  it('tells the current time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('a fixed clock', () => {
  it('always tells the same instant', () => {
    const clock = fixedClock(START);
    expect(clock.now()).toEqual(START);
    expect(clock.now()).toEqual(START);
  });

  it('is not moved by mutating the dates it gave or was given', () => {
    const start = new Date(START);
    const clock = fixedClock(start);
    clock.now().setFullYear(1999);
    start.setFullYear(1999);
    expect(clock.now()).toEqual(START);
  });

  it('rejects an invalid date', () => {
    expect(() => fixedClock(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('a manual clock', () => {
  it('starts at the given instant', () => {
    expect(manualClock(START).now()).toEqual(START);
  });

  it('moves forward only when advanced', () => {
    const clock = manualClock(START);
    clock.advance(1_500);
    expect(clock.now()).toEqual(new Date('2025-03-01T09:00:01.500Z'));
    clock.advance(0);
    clock.advance(24 * 60 * 60 * 1000);
    expect(clock.now()).toEqual(new Date('2025-03-02T09:00:01.500Z'));
  });

  it('is not moved by mutating a date it gave', () => {
    const clock = manualClock(START);
    clock.now().setFullYear(1999);
    expect(clock.now()).toEqual(START);
  });

  it.each([-1, 0.5, NaN, Infinity])('refuses to advance by %p ms', (ms) => {
    const clock = manualClock(START);
    expect(() => clock.advance(ms)).toThrow(RangeError);
    expect(clock.now()).toEqual(START);
  });

  it('rejects an invalid start', () => {
    expect(() => manualClock(new Date(NaN))).toThrow(RangeError);
  });
});
