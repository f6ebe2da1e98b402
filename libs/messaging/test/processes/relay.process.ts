/**
 * A relay in a process of its own, so a fault test can kill it for real. With
 * CRASH_AFTER_PUBLISHES=n it kills itself with SIGKILL once n publishes were acknowledged —
 * after publishing, before the checkpoint commits.
 */
import { Pool } from 'pg';
import { connect, type JetStreamClient } from 'nats';
import { PostgresEventStore } from '@elan/event-store';
import { OutboxRelay } from '../../src';
import { probeContract } from '../probe-contract';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const main = async (): Promise<void> => {
  const pool = new Pool({ connectionString: env('DATABASE_URL'), max: 4 });
  const nc = await connect({ servers: env('NATS_URL'), maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  const store = await PostgresEventStore.open(pool, { schema: env('PUBLISHER_SCHEMA') });
  const contract = probeContract(env('PROBE_ID'));
  const crashAfter = Number(process.env.CRASH_AFTER_PUBLISHES ?? 0);
  const real = nc.jetstream();
  let acknowledged = 0;
  const js = new Proxy(real, {
    get(target, property, receiver) {
      if (property !== 'publish') return Reflect.get(target, property, receiver);
      return async (...args: Parameters<JetStreamClient['publish']>) => {
        const ack = await target.publish(...args);
        if (crashAfter > 0 && ++acknowledged >= crashAfter) process.kill(process.pid, 'SIGKILL');
        return ack;
      };
    },
  });
  const relay = new OutboxRelay({
    store,
    js,
    map: (event) => ({ contract, payload: event.data }),
    batchSize: 200,
    pollIntervalMs: 50,
  });
  await relay.start();
  process.send?.('ready');
  process.once('SIGTERM', () => {
    void relay.stop().then(async () => {
      await store.close();
      await nc.drain();
      await pool.end();
      process.exit(0);
    });
  });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
