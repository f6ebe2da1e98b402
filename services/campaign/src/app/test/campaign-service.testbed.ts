import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { connect, type NatsConnection } from 'nats';
import type { Observable } from 'rxjs';
import { RequestClient } from '@elan/messaging';
import { findNatsServerBinary, openTestSchema, spawnNatsServer, testDatabaseUrl } from '@elan/testing';
import { TEST_CAMPAIGN_RULES } from '../../campaign';
import type { CampaignConfig } from '../campaign.config';
import { createCampaignService, type CampaignService } from '../campaign-service';

/**
 * Counts the requests one replica answered, by subject: a Nest interceptor given to the real
 * service (its own extension point), so nothing of the service is mocked.
 */
export class AnsweredRequests implements NestInterceptor {
  private readonly bySubject = new Map<string, number>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const subject = context.switchToRpc().getContext<NatsContext>().getSubject();
    this.bySubject.set(subject, this.count(subject) + 1);
    return next.handle();
  }

  count(subject: string): number {
    return this.bySubject.get(subject) ?? 0;
  }
}

export interface Replica {
  readonly service: CampaignService;
  readonly answered: AnsweredRequests;
}

export interface CampaignTestbed {
  readonly schema: string;
  /** The test's own connection, for JetStream reads and raw requests. */
  readonly nc: NatsConnection;
  /** What the gateway would use to ask the service. */
  readonly requests: RequestClient;
  readonly replicas: readonly Replica[];
  close(): Promise<void>;
}

/**
 * A NATS server of this test file's own. Every campaign service answers in the queue group
 * `campaign` on fixed subjects, so on a shared server a request could be answered by another
 * test's replicas, on another schema or database. Without a nats-server binary, the Jest global
 * setup's server is used (then parallel runs may answer each other).
 */
export const ownNatsServer = async (): Promise<{ url: string; stop(): Promise<void> }> => {
  if (findNatsServerBinary() === undefined) {
    const url = process.env.NATS_URL;
    if (!url) throw new Error('NATS_URL comes from the Jest global setup');
    return { url, stop: async () => undefined };
  }
  const storeDir = join(tmpdir(), `elan-campaign-nats-${randomBytes(4).toString('hex')}`);
  return spawnNatsServer({ storeDir, keepData: false, startTimeoutMs: 15_000 });
};

/**
 * `replicas` campaign services on one schema of their own (in the Jest run's database), with
 * second-long campaigns allowed, asked only through NATS, as the gateway asks them.
 */
export const startCampaignTestbed = async (replicas = 2): Promise<CampaignTestbed> => {
  // The services open their own pools; this one is only for dropping the schema at the end.
  const database = await openTestSchema({ prefix: 'campaign', poolSize: 1 });
  const { schema } = database;
  const databaseUrl = testDatabaseUrl();
  const nats = await ownNatsServer();
  const config: CampaignConfig = {
    databaseUrl,
    natsUrl: nats.url,
    schema,
    rules: TEST_CAMPAIGN_RULES,
    tierHoldMs: 30 * 60_000,
    shutdownGraceMs: 0,
  };
  const started: Replica[] = [];
  let nc: NatsConnection | undefined;
  const close = async (): Promise<void> => {
    await Promise.all(started.map((replica) => replica.service.close()));
    await nc?.close();
    await nats.stop();
    await database.dispose();
  };
  try {
    // One after the other: the first runs the migrations, the second finds them done.
    for (let i = 0; i < replicas; i++) {
      const answered = new AnsweredRequests();
      started.push({
        service: await createCampaignService(config, { logger: ['error', 'warn'], interceptors: [answered] }),
        answered,
      });
    }
    nc = await connect({ servers: nats.url });
    const connection = nc;
    return {
      schema,
      nc,
      requests: new RequestClient({ connection: () => connection, timeoutMs: 10_000 }),
      replicas: started,
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
};
