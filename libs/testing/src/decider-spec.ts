import { asEvents, fold, type Command, type Decider, type DomainEvent } from '@elan/domain-kernel';

/**
 * Given/when/then tests for deciders, in the shape of Emmett's `DeciderSpecification`: the
 * state is built only from past events, as in production, so a test cannot set up a state the
 * events could never produce. Every failed expectation throws, which fails the Jest test.
 *
 * ```ts
 * const given = DeciderSpecification.for(pledgeDecider);
 * it('is cancelled', () => given([pledgePlaced()]).when(cancelPledge()).then([pledgeCancelled()]));
 * ```
 */
export const DeciderSpecification = {
  for:
    <C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>) =>
    (givenEvents: E | readonly E[]): WhenStep<C, E> => ({
      when: (command) => thenStep(decider, asEvents(givenEvents), command),
    }),
};

export interface WhenStep<C extends Command, E extends DomainEvent> {
  when(command: C): ThenStep<E>;
}

/** A constructor of the expected error; abstract classes such as `DomainError` are accepted. */
export type ErrorClass<T extends Error> = abstract new (...args: never[]) => T;

export interface ThenStep<E extends DomainEvent> {
  /** The decision produced exactly these events, in this order (Jest `toEqual`). */
  then(expected: E | readonly E[]): void;
  /** The decision threw an instance of `errorClass` (satisfying `predicate`, when given). */
  thenThrows<T extends Error>(errorClass: ErrorClass<T>, predicate?: (error: T) => boolean): void;
  /** The decision produced no event, and did not throw. */
  thenNothingHappened(): void;
}

/** Thrown when the decision does not match the expectation; Jest reports it as the failure. */
export class DeciderSpecificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeciderSpecificationError';
  }
}

const describeValue = (value: unknown): string => {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
};

const thenStep = <C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  givenEvents: readonly E[],
  command: C,
): ThenStep<E> => {
  // The state is folded outside `decide`'s try: an `evolve` that throws on the given events is
  // a broken test setup, and must never count as the error a `thenThrows` expects.
  const state = (): S => fold(decider, givenEvents);
  const decide = (): readonly E[] => asEvents(decider.decide(command, state()));

  return {
    then: (expected) => {
      // Properties holding `undefined` are ignored, as they vanish once events are stored as JSON.
      expect(decide()).toEqual(asEvents(expected));
    },

    thenNothingHappened: () => {
      const events = decide();
      if (events.length > 0)
        throw new DeciderSpecificationError(
          `expected no event, but ${command.type} produced ${events.length}: ${describeValue(events)}`,
        );
    },

    thenThrows: (errorClass, predicate) => {
      const current = state();
      let events: readonly E[];
      try {
        events = asEvents(decider.decide(command, current));
      } catch (error) {
        if (!(error instanceof errorClass))
          throw new DeciderSpecificationError(
            `expected ${command.type} to throw ${errorClass.name}, but it threw ${describeValue(error)}`,
          );
        if (predicate !== undefined && !predicate(error))
          throw new DeciderSpecificationError(
            `${command.type} threw ${describeValue(error)}, which does not satisfy the predicate`,
          );
        return;
      }
      throw new DeciderSpecificationError(
        `expected ${command.type} to throw ${errorClass.name}, but it produced ${describeValue(events)}`,
      );
    },
  };
};
