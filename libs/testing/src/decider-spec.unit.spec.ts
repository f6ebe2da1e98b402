import { IllegalStateError, ValidationError, type Decider } from '@elan/domain-kernel';
import { DeciderSpecification, DeciderSpecificationError } from './decider-spec';

// A counter that can be incremented up to a limit, and reset.
type CounterCommand = { type: 'Increment'; data: { by: number } } | { type: 'Reset'; data: Record<string, never> };
type CounterEvent =
  | { type: 'Incremented'; data: { by: number } }
  | { type: 'LimitReached'; data: { limit: number } }
  | { type: 'Reset'; data: Record<string, never> };
type Counter = { value: number };

const LIMIT = 3;

const counter: Decider<CounterCommand, CounterEvent, Counter> = {
  initialState: () => ({ value: 0 }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'Incremented':
        return { value: state.value + event.data.by };
      case 'Reset':
        return { value: 0 };
      case 'LimitReached':
        return state;
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'Increment': {
        if (command.data.by <= 0) throw new ValidationError(`cannot increment by ${command.data.by}`);
        if (state.value + command.data.by > LIMIT) throw new IllegalStateError(`the counter is at ${state.value} of ${LIMIT}`);
        const incremented: CounterEvent = { type: 'Incremented', data: { by: command.data.by } };
        return state.value + command.data.by === LIMIT
          ? [incremented, { type: 'LimitReached', data: { limit: LIMIT } }]
          : incremented;
      }
      case 'Reset':
        return state.value === 0 ? [] : { type: 'Reset', data: {} };
    }
  },
};

const given = DeciderSpecification.for(counter);
const increment = (by: number): CounterCommand => ({ type: 'Increment', data: { by } });
const incremented = (by: number): CounterEvent => ({ type: 'Incremented', data: { by } });
const reset: CounterCommand = { type: 'Reset', data: {} };

describe('DeciderSpecification, when the decider behaves as expected', () => {
  it('passes on the expected events', () =>
    given([])
      .when(increment(1))
      .then([incremented(1)]));

  it('accepts a single event instead of a list, given or expected', () =>
    given(incremented(1)).when(increment(1)).then(incremented(1)));

  it('passes on several events, in order', () =>
    given([incremented(1)])
      .when(increment(2))
      .then([incremented(2), { type: 'LimitReached', data: { limit: LIMIT } }]));

  it('passes on the expected error class', () =>
    given([incremented(3)])
      .when(increment(1))
      .thenThrows(IllegalStateError));

  it('passes on a base class of the error', () => given([]).when(increment(0)).thenThrows(Error));

  it('passes when the error satisfies the predicate', () =>
    given([incremented(2)])
      .when(increment(2))
      .thenThrows(IllegalStateError, (error) => error.message === 'the counter is at 2 of 3'));

  it('passes when nothing happened', () => given([]).when(reset).thenNothingHappened());
});

describe('DeciderSpecification, when the decider does not behave as expected', () => {
  it('fails on other events', () => {
    expect(() =>
      given([])
        .when(increment(1))
        .then([incremented(2)]),
    ).toThrow(/toEqual/);
  });

  it('fails on missing or extra events', () => {
    expect(() =>
      given([incremented(1)])
        .when(increment(2))
        .then([incremented(2)]),
    ).toThrow();
    expect(() =>
      given([])
        .when(increment(1))
        .then([incremented(1), incremented(1)]),
    ).toThrow();
  });

  it('fails on events in another order', () => {
    const limitReached: CounterEvent = { type: 'LimitReached', data: { limit: LIMIT } };
    expect(() =>
      given([incremented(1)])
        .when(increment(2))
        .then([limitReached, incremented(2)]),
    ).toThrow();
  });

  it('fails on events when none were expected', () => {
    expect(() =>
      given([incremented(1)])
        .when(reset)
        .thenNothingHappened(),
    ).toThrow(new DeciderSpecificationError('expected no event, but Reset produced 1: [{"type":"Reset","data":{}}]'));
  });

  it('fails when events are produced instead of the expected error', () => {
    expect(() => given([]).when(increment(1)).thenThrows(IllegalStateError)).toThrow(
      new DeciderSpecificationError(
        'expected Increment to throw IllegalStateError, but it produced [{"type":"Incremented","data":{"by":1}}]',
      ),
    );
  });

  it('fails on an error of another class', () => {
    expect(() => given([]).when(increment(0)).thenThrows(IllegalStateError)).toThrow(
      new DeciderSpecificationError(
        'expected Increment to throw IllegalStateError, but it threw ValidationError: cannot increment by 0',
      ),
    );
  });

  it('fails when the error does not satisfy the predicate', () => {
    expect(() =>
      given([incremented(3)])
        .when(increment(1))
        .thenThrows(IllegalStateError, (error) => error.message.includes('of 10')),
    ).toThrow(DeciderSpecificationError);
  });

  it('lets an unexpected error of the decision through to fail the test', () => {
    expect(() =>
      given([incremented(3)])
        .when(increment(1))
        .then([]),
    ).toThrow(IllegalStateError);
    expect(() =>
      given([incremented(3)])
        .when(increment(1))
        .thenNothingHappened(),
    ).toThrow(IllegalStateError);
  });

  it('does not count an error of the given events as the decision’s', () => {
    const broken = DeciderSpecification.for({
      ...counter,
      evolve: () => {
        throw new IllegalStateError('cannot evolve');
      },
    });
    const attempt = (): void =>
      broken([incremented(1)])
        .when(increment(1))
        .thenThrows(IllegalStateError);
    expect(attempt).toThrow(IllegalStateError);
    expect(attempt).not.toThrow(DeciderSpecificationError);
  });
});
