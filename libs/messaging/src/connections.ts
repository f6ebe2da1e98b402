import type { NatsConnection } from 'nats';

/** Rejects with `message` when `promise` has not settled within `ms`: checks and stops must never hang. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The one `reasonOf` of the workspace, where the services have always imported it from. */
export { reasonOf } from '@elan/domain-kernel';

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
