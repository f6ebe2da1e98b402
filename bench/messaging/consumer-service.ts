/**
 * The consuming service (pledge), in a process of its own as it would be in production: a
 * `DurableConsumer` whose handler writes one row per event in the consumer's transaction, and,
 * for the baseline, a bare JetStream pull consumer that acks what it gets. Driven by main.ts
 * over the IPC channel (see protocol.ts); reports its counters every 20 ms.
 */
import { Pool } from 'pg';
import { AckPolicy, DeliverPolicy, connect, type ConsumerMessages, type NatsConnection } from 'nats';
import { DurableConsumer, ELAN_STREAM, on } from '@elan/messaging';
import { benchContract, now } from './contract';
import type { Reply, Request, StartBaseline, StartEndToEnd, WindowReport } from './protocol';
import { startProfile, type Profiler } from './profile';
import { emptyTotals, watchTransactions } from './transactions';

interface Pending {
  readonly sentAt: number;
  readonly handledAt: number;
}

let effects = 0;
let baselineAcks = 0;
/** Effects handled in a transaction that has not ended yet, by connection. */
const pending = new Map<unknown, Pending[]>();
let windowState:
  | {
      startedAt: number;
      effects: number;
      baselineAcks: number;
      cpu: NodeJS.CpuUsage;
      commitLags: number[];
      handlerLags: number[];
      tx: ReturnType<typeof emptyTotals>;
    }
  | undefined;

let pool: Pool | undefined;
let nc: NatsConnection | undefined;
let consumer: DurableConsumer | undefined;
let consumerOptions: ConstructorParameters<typeof DurableConsumer>[0] | undefined;
let baseline: ConsumerMessages | undefined;
let profiler: Profiler | undefined;

const send = (reply: Reply): void => {
  process.send?.(reply);
};

async function startEndToEnd(command: StartEndToEnd): Promise<void> {
  // Idle connections stay open: a backend that exits would take its CPU time out of the count.
  pool = new Pool({ connectionString: command.databaseUrl, max: 4, idleTimeoutMillis: 0, application_name: 'bench-consumer' });
  pool.on('error', (error) => send({ kind: 'error', error: `consumer pool: ${error.message}` }));
  watchTransactions(pool, ({ client, committed, beganAt, endedAt, statements }) => {
    const handled = pending.get(client) ?? [];
    pending.delete(client);
    if (windowState) {
      windowState.tx.transactions++;
      windowState.tx.statements += statements;
      windowState.tx.busyMs += endedAt - beganAt;
    }
    if (!committed) return; // rolled back: those effects did not happen
    effects += handled.length;
    if (windowState)
      for (const { sentAt, handledAt } of handled) {
        windowState.commitLags.push(endedAt - sentAt);
        windowState.handlerLags.push(handledAt - sentAt);
      }
  });
  const schema = command.schema;
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await pool.query(
    `CREATE TABLE ${schema}.effects (
       event_id uuid PRIMARY KEY, stream_id text NOT NULL, sequence int NOT NULL, amount bigint NOT NULL,
       lag_ms double precision NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())`,
  );
  const contract = benchContract(command.runId);
  nc ??= await connect({ servers: command.natsUrl, maxReconnectAttempts: -1, noAsyncTraces: command.noAsyncTraces });
  consumerOptions = {
    nc,
    pool,
    schema,
    durableName: command.durableName,
    batchSize: command.batchSize,
    handlers: [
      on(contract, async (payload, { envelope, client }) => {
        const handledAt = now();
        const lag = handledAt - payload.sentAt;
        // The committed effect: one row per event, in the consumer's transaction.
        await client.query(
          `INSERT INTO ${schema}.effects (event_id, stream_id, sequence, amount, lag_ms) VALUES ($1, $2, $3, $4, $5)`,
          [envelope.eventId, envelope.streamId, payload.sequence, payload.amount.amount, lag],
        );
        const list = pending.get(client);
        if (list) list.push({ sentAt: payload.sentAt, handledAt });
        else pending.set(client, [{ sentAt: payload.sentAt, handledAt }]);
      }),
    ],
    onError: (error, message) =>
      send({ kind: 'error', error: `consumer ${message.subject} ${message.eventId ?? ''}: ${String(error)}` }),
  };
  await resume();
}

/** Stops the DurableConsumer (the stage measurements let messages pile up meanwhile). */
async function pause(): Promise<void> {
  await consumer?.stop();
  consumer = undefined;
}

/** A new DurableConsumer on the same durable consumer: it takes up where the last one stopped. */
async function resume(): Promise<void> {
  if (!consumerOptions) throw new Error('start-e2e first');
  consumer = new DurableConsumer(consumerOptions);
  await consumer.start();
}

async function startBaseline(command: StartBaseline): Promise<void> {
  nc ??= await connect({ servers: command.natsUrl, maxReconnectAttempts: -1, noAsyncTraces: command.noAsyncTraces });
  const jsm = await nc.jetstreamManager();
  await jsm.consumers.add(ELAN_STREAM, {
    durable_name: command.durableName,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: command.subject,
    ack_wait: 30_000_000_000,
    max_ack_pending: command.maxAckPending,
  });
  const js = nc.jetstream();
  const c = await js.consumers.get(ELAN_STREAM, command.durableName);
  baseline = await c.consume({
    max_messages: command.maxMessages,
    callback: (msg) => {
      msg.ack();
      baselineAcks++;
    },
  });
}

async function stopBaseline(): Promise<void> {
  await baseline?.close();
  baseline = undefined;
}

function windowStart(): void {
  windowState = {
    startedAt: now(),
    effects,
    baselineAcks,
    cpu: process.cpuUsage(),
    commitLags: [],
    handlerLags: [],
    tx: emptyTotals(),
  };
}

function windowEnd(): WindowReport {
  const w = windowState;
  if (!w) throw new Error('no window open');
  windowState = undefined;
  const cpu = process.cpuUsage(w.cpu);
  return {
    startedAt: w.startedAt,
    endedAt: now(),
    effects: effects - w.effects,
    baselineAcks: baselineAcks - w.baselineAcks,
    commitLagsMs: w.commitLags,
    handlerLagsMs: w.handlerLags,
    transactions: w.tx.transactions,
    statements: w.tx.statements,
    transactionMs: w.tx.busyMs,
    cpuUs: cpu.user + cpu.system,
  };
}

async function shutdown(): Promise<void> {
  clearInterval(ticker);
  await stopBaseline();
  await consumer?.stop();
  await nc?.close();
  await pool?.end();
}

async function handle(request: Request): Promise<unknown> {
  switch (request.kind) {
    case 'start-e2e':
      return startEndToEnd(request);
    case 'start-baseline':
      return startBaseline(request);
    case 'stop-baseline':
      return stopBaseline();
    case 'pause-e2e':
      return pause();
    case 'resume-e2e':
      return resume();
    case 'clock':
      return now();
    case 'window-start':
      return windowStart();
    case 'window-end':
      return windowEnd();
    case 'profile-start':
      profiler = await startProfile(request.dir, request.name);
      return;
    case 'profile-stop': {
      const path = await profiler?.stop();
      profiler = undefined;
      return path;
    }
    case 'shutdown':
      return shutdown();
  }
}

const ticker = setInterval(() => send({ kind: 'progress', effects, baselineAcks }), 20);

process.on('message', (request: Request) => {
  handle(request).then(
    (body) => {
      send({ kind: 'reply', id: request.id, body });
      if (request.kind === 'shutdown') process.disconnect();
    },
    (error: unknown) =>
      send({ kind: 'failed', id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
// The bench went away: so does this service.
process.on('disconnect', () => {
  clearInterval(ticker);
  setTimeout(() => process.exit(0), 2_000).unref();
});
