import type { Pool, PoolClient } from 'pg';
import { ConcurrencyError, ValidationError, uuidv7 } from '@elan/domain-kernel';
import { elanMetrics, streamCategory } from '@elan/observability';
import { AppendNotifier } from './append-notifier';
import type { AppendResult, ExpectedVersion, LogPosition, NewEvent, RecordedEvent } from './event';
import { migrate, type MigrationOptions } from './migrations';
import { toRecordedEvent, type EventRow } from './row-mapping';
import { assertSchemaName } from './schema-name';
import { statementsFor, type Statements } from './statements';
import { Subscription, type SubscriptionOptions } from './subscription';
import { verifyChain, type VerificationReport } from './verify';

export interface EventStoreOptions extends MigrationOptions {
  /** The service's own schema, e.g. `campaign`. */
  readonly schema: string;
  /**
   * Send a NOTIFY after appends so subscribers in other processes wake at once (default true).
   * In-process subscribers are always woken.
   */
  readonly notifyOtherProcesses?: boolean;
}

export interface AppendOptions {
  /** Append inside the caller's transaction (e.g. a projection that also records events). */
  readonly client?: PoolClient;
}

export interface ReadStreamOptions {
  /** First stream position to read (1-based, default 1). */
  readonly fromPosition?: number;
  readonly maxCount?: number;
  readonly client?: PoolClient;
}

type Queryable = Pool | PoolClient;

const UNIQUE_VIOLATION = '23505';
/** How often an `any` append retries after losing a race for the next position. */
const ANY_VERSION_ATTEMPTS = 20;

/** PostgreSQL append-only event store of one service (ADR 0002). */
export class PostgresEventStore {
  readonly notifier: AppendNotifier;
  private readonly sql: Statements;
  private readonly statementPrefix: string;
  /** `elan_events_appended_total` by category, bound once: no label lookup per append. */
  private readonly appendedBy = new Map<string, { inc(value?: number): void }>();

  private constructor(
    readonly pool: Pool,
    readonly schema: string,
    options: EventStoreOptions,
  ) {
    this.sql = statementsFor(schema);
    this.statementPrefix = `elan_${schema}`;
    this.notifier = new AppendNotifier(pool, schema, options.notifyOtherProcesses ?? true);
  }

  /** Opens the store of a schema, running its migrations first. */
  static async open(pool: Pool, options: EventStoreOptions): Promise<PostgresEventStore> {
    const schema = assertSchemaName(options.schema);
    await migrate(pool, schema, options);
    return new PostgresEventStore(pool, schema, options);
  }

  /**
   * Appends events to one stream atomically. Throws ConcurrencyError when the stream's version
   * is not the expected one.
   */
  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    assertStreamId(streamId);
    if (events.length === 0) throw new ValidationError('an append needs at least one event', { streamId });
    const expectedVersion = toExpectedVersion(expected);
    const single = events.length === 1;
    const values = single
      ? oneEventValues(streamId, expectedVersion, events[0] as NewEvent)
      : batchValues(streamId, expectedVersion, events);
    // Inside a caller's transaction a failed statement aborts it: retrying there is pointless.
    const attempts = expectedVersion === null && !options.client ? ANY_VERSION_ATTEMPTS : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await (options.client ?? this.pool).query<{ stream_position: string; global_position: string }>({
          name: `${this.statementPrefix}_${single ? 'append_one' : 'append'}`,
          text: single ? this.sql.appendOne : this.sql.append,
          values,
        });
        const last = result.rows[result.rows.length - 1];
        if (!last) throw await this.conflict(streamId, expected, options.client);
        this.notifier.announce();
        this.countAppended(streamId, events.length);
        return { nextExpectedVersion: Number(last.stream_position), lastGlobalPosition: Number(last.global_position) };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if ((error as { constraint?: string }).constraint === 'events_event_id_key')
          throw new ConcurrencyError(`an event of this batch was already recorded`, { streamId });
        if (attempt >= attempts) throw await this.conflict(streamId, expected, options.client);
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const result = await (options.client ?? this.pool).query<EventRow>({
      name: `${this.statementPrefix}_read_stream`,
      text: this.sql.readStream,
      values: [streamId, options.fromPosition ?? 1, options.maxCount ?? null],
    });
    return result.rows.map(toRecordedEvent);
  }

  /** The stream's version: the position of its last event, 0 when it does not exist. */
  async streamVersion(streamId: string, client?: Queryable): Promise<number> {
    const result = await (client ?? this.pool).query<{ version: string }>(this.sql.streamVersion, [streamId]);
    return Number(result.rows[0]?.version ?? 0);
  }

  /**
   * Reads the global log after a position, in commit-safe order (see `statementsFor.readAll`).
   * Pass `logPositionOf(last event)` to continue.
   */
  async readAll(after: LogPosition, limit: number, client?: Queryable): Promise<RecordedEvent[]> {
    const result = await (client ?? this.pool).query<EventRow>({
      name: `${this.statementPrefix}_read_all`,
      text: this.sql.readAll,
      values: [after.transactionId, after.globalPosition, limit],
    });
    return result.rows.map(toRecordedEvent);
  }

  /** Walks the hash chain of one stream, or of every stream, and reports the first broken link. */
  verify(streamId?: string): Promise<VerificationReport> {
    return verifyChain(this.pool, this.sql, streamId);
  }

  /** A catch-up subscription on this store's log; call `start()` on it. */
  subscribe(options: SubscriptionOptions): Subscription {
    return new Subscription(this, options);
  }

  async close(): Promise<void> {
    await this.notifier.close();
  }

  /**
   * Counts the statement's events. Inside a caller's transaction that later rolls back they are
   * counted all the same: the counter tells the write load, the log tells the truth.
   */
  private countAppended(streamId: string, count: number): void {
    const category = streamCategory(streamId);
    let counter = this.appendedBy.get(category);
    if (!counter) {
      counter = elanMetrics.eventsAppended.labels({ schema: this.schema, category });
      this.appendedBy.set(category, counter);
    }
    counter.inc(count);
  }

  private async conflict(streamId: string, expected: ExpectedVersion, client?: PoolClient): Promise<ConcurrencyError> {
    // Only on the failure path: one more read to say what the stream's version really is.
    const actual = await this.streamVersion(streamId, client).catch(() => undefined);
    return new ConcurrencyError(`stream ${streamId} is at version ${actual ?? 'unknown'}, expected ${String(expected)}`, {
      streamId,
      expected,
      actual,
    });
  }
}

const oneEventValues = (streamId: string, expected: number | null, event: NewEvent): unknown[] => [
  streamId,
  expected,
  event.eventId ?? uuidv7(),
  assertEventType(event.type),
  event.schemaVersion ?? 1,
  JSON.stringify(event.data ?? null),
  JSON.stringify(event.metadata ?? {}),
];

const batchValues = (streamId: string, expected: number | null, events: readonly NewEvent[]): unknown[] => [
  streamId,
  expected,
  events.map((event) => event.eventId ?? uuidv7()),
  events.map((event) => assertEventType(event.type)),
  events.map((event) => event.schemaVersion ?? 1),
  events.map((event) => JSON.stringify(event.data ?? null)),
  events.map((event) => JSON.stringify(event.metadata ?? {})),
];

const toExpectedVersion = (expected: ExpectedVersion): number | null => {
  if (expected === 'any') return null;
  if (expected === 'no_stream') return 0;
  if (!Number.isSafeInteger(expected) || expected < 0)
    throw new ValidationError(`expected version must be a non-negative integer, got ${expected}`);
  return expected;
};

/** `<category>-<id>` where the category holds no `-` (the brief's naming rule). */
const STREAM_ID = /^[a-z][a-zA-Z0-9]*-.+$/;

const assertStreamId = (streamId: string): void => {
  if (!STREAM_ID.test(streamId)) throw new ValidationError(`stream id "${streamId}" must be <category>-<id>`, { streamId });
};

const assertEventType = (type: string): string => {
  if (typeof type !== 'string' || type.length === 0) throw new ValidationError('an event needs a non-empty type', { type });
  return type;
};

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === UNIQUE_VIOLATION;
