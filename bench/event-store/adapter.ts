/**
 * The one seam the benchmark drives. Each implementation under test (Élan's store, plain INSERT,
 * Emmett) hides behind it, so every workload runs the same code path for all three.
 */

/** A benchmark event as a command handler would hand it to a store. */
export interface BenchEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, string>;
}

export type AdapterName = 'ours' | 'plain' | 'emmett';

export interface EventStoreAdapter {
  readonly name: AdapterName;
  /** Creates the adapter's schema in the bench database; run once, outside any timing. */
  prepare(): Promise<void>;
  /** A session whose connection pool holds `connections` connections (one per writer). */
  connect(connections: number): Promise<AdapterSession>;
}

export interface AdapterSession {
  /**
   * Appends `events` to `streamId`, which the caller knows to be at `version` events
   * (0: the stream does not exist yet), with the strongest expected-version check the
   * implementation offers. Resolves to the stream's version after the append.
   */
  append(streamId: string, events: readonly BenchEvent[], version: number): Promise<number>;
  /**
   * Reads the whole global log from its start, one page of at most `pageSize` events per
   * step, yielding the number of events each page held. Ends after the last page.
   */
  readAll(pageSize: number): AsyncIterable<number>;
  close(): Promise<void>;
}
