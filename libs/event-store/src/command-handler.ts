import { ConcurrencyError, asEvents, fold, type Command, type Decider, type DomainEvent } from '@elan/domain-kernel';
import type { PoolClient } from 'pg';
import type { EventMetadata, RecordedEvent } from './event';
import { inTransaction } from './transactions';
import type { PostgresEventStore } from './postgres-event-store';

export interface CommandHandlerOptions<E extends DomainEvent, Id> {
  /** The stream of the aggregate an id names: `campaign-<id>`. */
  readonly streamOf: (id: Id) => string;
  /** Turns a stored event back into the decider's event (upcasting); by default, as it was appended. */
  readonly toDomainEvent?: (event: RecordedEvent) => E;
  /** Attempts in all on a version conflict, including the first; each retry reloads the stream (default 3). */
  readonly maxAttempts?: number;
}

/** An aggregate as its events say: its state and its stream's version (0: no event yet). */
export interface Loaded<S> {
  readonly state: S;
  readonly version: number;
}

export interface CommandResult<E, S> extends Loaded<S> {
  /** What the decision recorded; empty when it changed nothing. */
  readonly newEvents: readonly E[];
}

/** A command with the metadata its events carry (see `CommandHandler.handle`). */
export interface StampedCommand<C extends Command> {
  readonly command: C;
  readonly metadata?: EventMetadata;
}

/** The stream of one aggregate, locked for the transaction `client` runs. */
export interface LockedStream<C extends Command, E extends DomainEvent, S> {
  readonly client: PoolClient;
  handle(command: C, metadata?: EventMetadata): Promise<CommandResult<E, S>>;
}

/**
 * The one way an aggregate's commands are applied, built once from its decider (as Emmett's
 * `CommandHandler(evolve, initialState)`): load, fold, decide, append with the expected version.
 */
export interface CommandHandler<C extends Command, E extends DomainEvent, S, Id = string> {
  /**
   * Applies `command` to the aggregate `id`; on a version conflict, decides again on the fresh
   * state a bounded number of times. Errors thrown by `decide` pass through untouched. Each event
   * carries `metadata`, by default the command's correlation id, causation id and actor. With
   * `client`, reads and appends in the caller's transaction.
   */
  handle(id: Id, command: C, metadata?: EventMetadata, client?: PoolClient): Promise<CommandResult<E, S>>;
  /**
   * Applies commands in turn to the aggregate `id` — each decided on the state the previous ones
   * left — with one read and one append: the commands a single fact implies (a pledge placed and
   * its payment requested) cost one round trip each way, not one per command. `commandsFor` is
   * given the loaded state (again on a retry after a version conflict) and may return none.
   * One command refused refuses them all: nothing is appended.
   */
  handleAll(id: Id, commandsFor: (state: S) => readonly StampedCommand<C>[], client?: PoolClient): Promise<CommandResult<E, S>>;
  load(id: Id, client?: PoolClient): Promise<Loaded<S>>;
  /**
   * Runs `work` in a transaction holding a lock on the aggregate's stream, for streams so hot that
   * optimistic retries would starve (a popular tier's stock): writers queue instead of colliding.
   * `work` reads what it needs in that transaction and decides through the same `handle`.
   */
  locked<T>(id: Id, work: (stream: LockedStream<C, E, S>) => Promise<T>): Promise<T>;
}

/** Events of a service's own streams were checked when decided: they come back as they went in. */
const asAppended = <E extends DomainEvent>(event: RecordedEvent): E => ({ type: event.type, data: event.data }) as E;

export const commandHandler = <C extends Command, E extends DomainEvent, S, Id = string>(
  store: PostgresEventStore,
  decider: Decider<C, E, S>,
  options: CommandHandlerOptions<E, Id>,
): CommandHandler<C, E, S, Id> => {
  const { streamOf, maxAttempts = 3 } = options;
  const toDomainEvent = options.toDomainEvent ?? asAppended<E>;
  const inClient = (client?: PoolClient) => (client ? { client } : {});

  const loadStream = async (streamId: string, client?: PoolClient): Promise<Loaded<S>> => {
    const recorded = await store.readStream(streamId, inClient(client));
    return { state: fold(decider, recorded.map(toDomainEvent)), version: recorded[recorded.length - 1]?.streamPosition ?? 0 };
  };

  const stampOf = (command: C, metadata: EventMetadata = {}): EventMetadata =>
    withoutUndefined({
      ...metadata,
      correlationId: metadata.correlationId ?? command.metadata?.correlationId,
      causationId: metadata.causationId ?? command.metadata?.causationId,
      actor: metadata.actor ?? command.metadata?.actor,
    });

  const handleAll = async (
    id: Id,
    commandsFor: (state: S) => readonly StampedCommand<C>[],
    client?: PoolClient,
  ): Promise<CommandResult<E, S>> => {
    const streamId = streamOf(id);
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await loadStream(streamId, client);
      let next = state;
      const newEvents: E[] = [];
      const toAppend: Array<{ type: string; data: unknown; metadata: EventMetadata }> = [];
      for (const { command, metadata } of commandsFor(state)) {
        const stamped = stampOf(command, metadata);
        for (const event of asEvents(decider.decide(command, next))) {
          newEvents.push(event);
          toAppend.push({ type: event.type, data: event.data, metadata: stamped });
          next = decider.evolve(next, event);
        }
      }
      if (newEvents.length === 0) return { newEvents, state, version };
      try {
        const appended = await store.append(streamId, toAppend, version, inClient(client));
        return { newEvents, state: next, version: appended.nextExpectedVersion };
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
      }
    }
  };

  const handle = (id: Id, command: C, metadata: EventMetadata = {}, client?: PoolClient): Promise<CommandResult<E, S>> =>
    handleAll(id, () => [{ command, metadata }], client);

  return {
    handle,
    handleAll,
    load: (id, client) => loadStream(streamOf(id), client),
    locked: (id, work) =>
      withStreamLock(store, streamOf(id), (client) =>
        work({ client, handle: (command, metadata) => handle(id, command, metadata, client) }),
      ),
  };
};

const withoutUndefined = (metadata: EventMetadata): EventMetadata =>
  Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined)) as EventMetadata;

/**
 * Runs `work` in a transaction holding a lock on one stream (`CommandHandler.locked`). The lock
 * is PostgreSQL's, so it holds across replicas, and it ends with the transaction.
 */
export const withStreamLock = async <T>(
  store: PostgresEventStore,
  streamId: string,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> =>
  inTransaction(store.pool, async (client) => {
    await lockStreamIn(client, store, streamId);
    return work(client);
  });

/**
 * Takes the lock of `withStreamLock` inside a transaction the caller already runs (a consumer's
 * inbox transaction): decisions on the stream then queue instead of failing on a version
 * conflict, which inside a transaction could not be retried.
 */
export const lockStreamIn = async (client: PoolClient, store: PostgresEventStore, streamId: string): Promise<void> => {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${store.schema}:${streamId}`]);
};
