import { Client as PgClient, type Client, type Pool } from 'pg';
import { notificationChannel } from './schema-name';

type Listener = () => void;

/** At most one NOTIFY per this interval: the longest a subscriber in another process waits. */
const NOTIFY_INTERVAL_MS = 5;

/**
 * Wakes subscribers after appends. In-process subscribers are called directly; other
 * processes hear a NOTIFY sent after the append committed. The NOTIFY is coalesced (at most one
 * in flight), sent on a connection of its own so it never queues in front of an append, and kept
 * off the append statement: a NOTIFY inside the writers' transactions would take PostgreSQL's
 * global notification lock at every commit and serialise them.
 * Losing a notification only delays a subscriber until its next poll.
 */
export class AppendNotifier {
  private readonly listeners = new Set<Listener>();
  private listenClient: Client | undefined;
  private notifyClient: Promise<Client> | undefined;
  private listening: Promise<void> | undefined;
  /** The backend our NOTIFYs come from: their echo on our own LISTEN is not news (see `listen`). */
  private notifyingBackend: number | undefined;
  private notifyInFlight = false;
  private notifyPending = false;
  private closed = false;
  private readonly channel: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
    private readonly crossProcess: boolean,
  ) {
    this.channel = notificationChannel(schema);
  }

  announce(): void {
    for (const listener of this.listeners) listener();
    if (this.crossProcess) this.sendNotify();
  }

  /** Registers a wake-up callback; the first one opens the LISTEN connection. */
  async listen(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    if (this.crossProcess) await this.ensureListening();
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    const client = this.listenClient;
    this.listenClient = undefined;
    this.listening = undefined;
    if (client) await client.end().catch(() => undefined);
    const notifier = this.notifyClient;
    this.notifyClient = undefined;
    if (notifier) await notifier.then((c) => c.end()).catch(() => undefined);
  }

  private sendNotify(): void {
    if (this.closed) return;
    if (this.notifyInFlight) {
      this.notifyPending = true;
      return;
    }
    this.notifyInFlight = true;
    this.connectNotifyClient()
      .then((client) => client.query('SELECT pg_notify($1, $2)', [this.channel, '']))
      .catch(() => {
        this.notifyClient = undefined; // subscribers poll anyway; reconnect next time
      })
      .finally(() => {
        // Appends that came meanwhile share one NOTIFY a moment later: under load this keeps
        // notifications to a few hundred a second instead of one per append, each of which is a
        // transaction of its own on the server.
        const timer = setTimeout(() => {
          this.notifyInFlight = false;
          if (this.notifyPending) {
            this.notifyPending = false;
            this.sendNotify();
          }
        }, NOTIFY_INTERVAL_MS);
        timer.unref();
      });
  }

  private connectNotifyClient(): Promise<Client> {
    this.notifyClient ??= (async () => {
      const client = this.newClient();
      client.on('error', () => (this.notifyClient = undefined));
      await client.connect();
      this.notifyingBackend = (client as unknown as { processID?: number }).processID;
      return client;
    })();
    return this.notifyClient;
  }

  /** A connection outside the pool, with the pool's settings. */
  private newClient(): Client {
    const options = (this.pool as unknown as { options: ConstructorParameters<typeof PgClient>[0] }).options;
    return new PgClient(options);
  }

  private ensureListening(): Promise<void> {
    this.listening ??= (async () => {
      const client = this.newClient();
      client.on('notification', (message) => {
        // Our own appends woke this process's subscribers directly (`announce`): waking them
        // again for the echo would cost every subscription an empty batch per append.
        if (message.channel !== this.channel || message.processId === this.notifyingBackend) return;
        for (const listener of this.listeners) listener();
      });
      // A lost LISTEN connection is not fatal: polling carries on, and the next listen retries.
      client.on('error', () => {
        if (this.listenClient === client) {
          this.listenClient = undefined;
          this.listening = undefined;
        }
      });
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.listenClient = client;
    })().catch((error: unknown) => {
      this.listening = undefined;
      throw error;
    });
    return this.listening;
  }
}
