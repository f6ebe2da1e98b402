/**
 * The shape of every aggregate: pure functions over plain data. No framework, database or
 * messaging import belongs here; time arrives inside the command, never from `new Date()`.
 */

/** A fact of the domain, named in the past tense. `type` is a stable string, never a class name. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** An intention, named in the imperative. */
export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata?: CommandMetadata;
}

export interface CommandMetadata {
  /** When the command is decided; passed in so decisions stay pure and testable. */
  readonly now?: Date;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Who asks: an account id, a service name or `system`. */
  readonly actor?: string;
}

export interface Decider<C extends Command, E extends DomainEvent, S> {
  decide(command: C, state: S): E | readonly E[];
  evolve(state: S, event: E): S;
  initialState(): S;
}

/** Folds events into a state with a decider's `evolve`. */
export const fold = <E extends DomainEvent, S>(
  decider: Pick<Decider<Command, E, S>, 'evolve' | 'initialState'>,
  events: Iterable<E>,
): S => {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
};

/** `decide` may return one event or many; callers always get an array. */
export const asEvents = <E>(result: E | readonly E[]): readonly E[] =>
  Array.isArray(result) ? (result as readonly E[]) : [result as E];
