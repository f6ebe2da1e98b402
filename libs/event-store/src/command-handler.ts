import { ConcurrencyError, asEvents, fold, type Command, type Decider, type DomainEvent } from '@elan/domain-kernel';
import type { PoolClient } from 'pg';
import type { EventMetadata, RecordedEvent } from './event';
import { inTransaction } from './transactions';
import type { PostgresEventStore } from './postgres-event-store';

export interface HandleCommandOptions<E extends DomainEvent> {
  /** Attempts in all, including the first; each retry reloads the stream (default 3). */
  readonly maxAttempts?: number;
  /** Metadata stamped on every event the decision produces. */
  readonly metadata?: EventMetadata;
  /** Turns a stored event back into the decider's event (upcasting, validation). */
  readonly toDomainEvent?: (event: RecordedEvent) => E;
  /** Read and append inside the caller's transaction (e.g. `withStreamLock`). */
  readonly client?: PoolClient;
}

export interface CommandResult<E, S> {
  readonly newEvents: readonly E[];
  readonly state: S;
  /** The stream's version after the command. */
  readonly version: number;
}

/**
 * Load, fold, decide, append with the expected version; on a concurrency conflict decide again
 * on the fresh state, a bounded number of times. Errors thrown by `decide` pass through untouched.
 */
export const handleCommand = async <C extends Command, E extends DomainEvent, S>(
  store: PostgresEventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
  options: HandleCommandOptions<E> = {},
): Promise<CommandResult<E, S>> => {
  const maxAttempts = options.maxAttempts ?? 3;
  const toDomainEvent = options.toDomainEvent ?? ((event: RecordedEvent) => ({ type: event.type, data: event.data }) as E);
  for (let attempt = 1; ; attempt++) {
    const recorded = await store.readStream(streamId, options.client ? { client: options.client } : {});
    const version = recorded[recorded.length - 1]?.streamPosition ?? 0;
    const state = fold(decider, recorded.map(toDomainEvent));
    const newEvents = asEvents(decider.decide(command, state));
    if (newEvents.length === 0) return { newEvents, state, version };
    const metadata: EventMetadata = {
      ...options.metadata,
      correlationId: options.metadata?.correlationId ?? command.metadata?.correlationId,
      causationId: options.metadata?.causationId ?? command.metadata?.causationId,
      actor: options.metadata?.actor ?? command.metadata?.actor,
    };
    try {
      const appended = await store.append(
        streamId,
        newEvents.map((event) => ({ type: event.type, data: event.data, metadata: withoutUndefined(metadata) })),
        version,
        options.client ? { client: options.client } : {},
      );
      const nextState = newEvents.reduce((current, event) => decider.evolve(current, event), state);
      return { newEvents, state: nextState, version: appended.nextExpectedVersion };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
    }
  }
};

const withoutUndefined = (metadata: EventMetadata): EventMetadata =>
  Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined)) as EventMetadata;

/**
 * Runs `work` in a transaction holding a lock on one stream, for streams so hot that optimistic
 * retries would starve (a popular tier's stock): writers queue instead of colliding. The lock is
 * PostgreSQL's, so it holds across replicas, and it ends with the transaction.
 */
export const withStreamLock = async <T>(
  store: PostgresEventStore,
  streamId: string,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> =>
  inTransaction(store.pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${store.schema}:${streamId}`]);
    return work(client);
  });
