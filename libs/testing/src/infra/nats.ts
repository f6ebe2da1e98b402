import { connect, type ConnectionOptions } from 'nats';
import { reasonOf } from './mask-url';
import type { Probe } from './postgres';

/** Where NATS is looked for when `NATS_URL` is not set. */
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** Who a probe connects as, on a server with users: a peer's authenticator and inbox prefix. */
export type NatsProbeIdentity = Pick<ConnectionOptions, 'authenticator' | 'inboxPrefix'>;

/**
 * Whether a NATS server at `url` accepts a connection and has JetStream enabled (the event bus
 * needs streams and durable consumers; a plain core-NATS server is not enough). On a server
 * with users, `as` names one allowed to ask for the JetStream account info.
 */
export async function probeNats(url: string, timeoutMs: number, as: NatsProbeIdentity = {}): Promise<Probe> {
  let connection: Awaited<ReturnType<typeof connect>> | undefined;
  try {
    connection = await connect({ servers: url, timeout: timeoutMs, reconnect: false, name: 'elan-infra-probe', ...as });
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
  try {
    // Asks the server for the account's JetStream info: fails when JetStream is disabled.
    await connection.jetstreamManager({ timeout: timeoutMs });
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `JetStream is not enabled there (${reasonOf(error)})` };
  } finally {
    await connection.close().catch(() => undefined);
  }
}
