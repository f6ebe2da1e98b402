/**
 * Where "now" comes from. Handlers read the time from a `Clock` and put it in the command's
 * metadata, so deciders stay pure and tests choose the time instead of racing the real one.
 */
export interface Clock {
  /** A new `Date` on every call: mutating it cannot move the clock. */
  now(): Date;
}

/** A test clock that moves only when told to. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds (a whole, non-negative number). */
  advance(ms: number): void;
}

const timeOf = (date: Date, what: string): number => {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError(`${what} needs a valid date, got an Invalid Date`);
  return time;
};

/** The machine's clock, for production wiring. */
export const systemClock: Clock = { now: () => new Date() };

/** Always the same instant: for tests where time must not move at all. */
export const fixedClock = (date: Date): Clock => {
  const time = timeOf(date, 'fixedClock');
  return { now: () => new Date(time) };
};

/** Starts at `start` and moves only through `advance`: for tests of deadlines and expiries. */
export const manualClock = (start: Date): ManualClock => {
  let time = timeOf(start, 'manualClock');
  return {
    now: () => new Date(time),
    advance: (ms) => {
      if (!Number.isSafeInteger(ms) || ms < 0)
        throw new RangeError(`a manual clock advances by a whole, non-negative number of ms, got ${ms}`);
      time += ms;
    },
  };
};
