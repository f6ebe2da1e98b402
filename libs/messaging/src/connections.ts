import type { NatsConnection } from 'nats';

/** Rejects with `message` when `promise` has not settled within `ms`: checks and stops must never hang. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The message of anything thrown, for one-line logs. */
export function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(reasonOf).join('; ');
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}

/** How long a drain may take before the connection is simply closed. */
const DRAIN_TIMEOUT_MS = 2_000;

/**
 * Drains, then closes. Drain delivers what is in flight; when the server is gone, drain() gives
 * up (or hangs) and may resolve without closing, leaving the client reconnecting forever and the
 * process alive: close it then.
 */
export async function closeNatsConnection(connection: NatsConnection): Promise<void> {
  if (connection.isClosed()) return;
  await withTimeout(connection.drain(), DRAIN_TIMEOUT_MS, 'drain timed out').catch(() => undefined);
  if (!connection.isClosed()) await connection.close();
}
