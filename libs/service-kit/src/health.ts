import type { NatsConnection } from 'nats';
import type { Pool } from 'pg';
import { reasonOf } from '@elan/messaging';
import type { ServiceName } from '@elan/contracts';
import { pingPostgres } from './connections';
import type { Worker } from './stop-stack';

/** Below the usual 5 s timeout of load balancers and Kubernetes probes. */
const CHECK_TIMEOUT_MS = 2_000;

/** What `rpc.<service>.Health.v1` answers: `ok` when the service's database answers too. */
export interface HealthReport {
  readonly status: 'ok' | 'down';
  readonly checks: { readonly database: 'up' | 'down'; readonly nats: 'up' };
}

/** The subject of a service's health request. */
export const healthSubject = (service: ServiceName): string => `rpc.${service}.Health.v1`;

/**
 * Answers `rpc.<service>.Health.v1` in the service's queue group, over the service's own NATS
 * connection: the question travels the path every request takes, so an answer proves the
 * replica takes requests, and the gateway (the one peer that may ask, ADR 0011) can aggregate
 * it. No HTTP port per service: nothing else to secure, and NATS already reaches every replica.
 */
export function healthResponder(service: ServiceName, nc: NatsConnection, pool: Pool, log: (message: string) => void): Worker {
  let subscription: ReturnType<NatsConnection['subscribe']> | undefined;
  const report = async (): Promise<HealthReport> => {
    const database = await pingPostgres(pool, CHECK_TIMEOUT_MS).then(
      () => 'up' as const,
      (error: unknown) => (log(`database is down: ${reasonOf(error)}`), 'down' as const),
    );
    return { status: database === 'up' ? 'ok' : 'down', checks: { database, nats: 'up' } };
  };
  return {
    name: 'the health responder',
    start: () => {
      subscription = nc.subscribe(healthSubject(service), {
        queue: service,
        callback: (error, message) => {
          if (error) return;
          void report().then((answer) => message.respond(JSON.stringify(answer)));
        },
      });
    },
    stop: async () => {
      if (subscription && !subscription.isClosed()) await subscription.drain();
    },
  };
}
