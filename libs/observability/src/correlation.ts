import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The correlation id of the work in progress, for the logs: the gateway's request id, or the
 * `traceparent` / correlation id a message carries. Kept in AsyncLocalStorage so that a log line
 * deep in a handler names the request that caused it without passing it along by hand.
 */
const storage = new AsyncLocalStorage<string>();

export function withCorrelation<T>(correlationId: string | undefined, work: () => T): T {
  return correlationId ? storage.run(correlationId, work) : work();
}

export const currentCorrelationId = (): string | undefined => storage.getStore();
