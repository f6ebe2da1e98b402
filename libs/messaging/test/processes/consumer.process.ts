/**
 * A consumer in a process of its own. With CRASH_AT_STEP=n it kills itself with SIGKILL right
 * after the transaction that handled step n committed — before any acknowledgement is sent.
 */
import { Pool } from 'pg';
import { connect } from 'nats';
import { DurableConsumer, on } from '../../src';
import { probeContract } from '../probe-contract';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const main = async (): Promise<void> => {
  const pool = new Pool({ connectionString: env('DATABASE_URL'), max: 4 });
  const nc = await connect({ servers: env('NATS_URL'), maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  const schema = env('CONSUMER_SCHEMA');
  const crashAtStep = Number(process.env.CRASH_AT_STEP ?? 0);
  let crashOnRelease = false;
  // pg releases the client after COMMIT and before the consumer acks: the window under test.
  pool.on('release', () => {
    if (crashOnRelease) process.kill(process.pid, 'SIGKILL');
  });
  const consumer = new DurableConsumer({
    nc,
    pool,
    schema,
    durableName: `pledge-probe-${env('PROBE_ID')}`,
    ackWaitMs: 1_000,
    handlers: [
      on(probeContract(env('PROBE_ID')), async (payload, { envelope, client }) => {
        await client.query(`INSERT INTO ${schema}.effects (event_id, stream_id, step) VALUES ($1, $2, $3)`, [
          envelope.eventId,
          envelope.streamId,
          payload.step,
        ]);
        if (payload.step === crashAtStep) crashOnRelease = true;
      }),
    ],
  });
  await consumer.start();
  process.send?.('ready');
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
