import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import type Stripe from 'stripe';
import type { Clock } from '@elan/domain-kernel';
import { ELAN_STREAM, RequestClient } from '@elan/messaging';
import { idempotencyKey, StripePaymentProvider, type StripeConnection } from '@elan/payments';
import type { RunningService } from '@elan/service-kit';
import { startStripeEmulator, unbalancedBooks, type RunningStripeEmulator } from '@elan/stripe-emulator';
import { openTestSchema, spawnNatsServer, testDatabaseUrl, type SpawnedNatsServer, type TestSchema } from '@elan/testing';
import { TIPPING_PLEDGES_CONSUMER } from '../streams/pledge-event.handlers';
import { DEFAULT_TIP_SUGGESTION_POLICY } from '../tip';
import { startTippingService, type TippingServiceParts } from '../tipping-service';
import { eur, PledgeStreamPublisher, type PledgeFacts } from './pledge-events';

/** What the refund worker owes at Stripe, as its table says. */
export interface RefundOwed {
  readonly tip_id: string;
  readonly amount: string;
  readonly attempts: number;
  readonly last_error: string | null;
  readonly refund_id: string | null;
}

/**
 * The real tipping service in this process, with a NATS server, a PostgreSQL schema and a Stripe
 * emulator of the test file's own (the durable consumer `tipping-pledges` is then this run's
 * alone). The test plays the pledge service: it charges pledge + tip at the emulator, publishes
 * the pledge's events, and refunds the pledge's part itself when it withdraws a charged pledge.
 */
export class TippingTestbed {
  private constructor(
    readonly database: TestSchema,
    readonly nats: SpawnedNatsServer,
    readonly nc: NatsConnection,
    readonly emulator: RunningStripeEmulator,
    private running: RunningService<TippingServiceParts>,
    readonly requests: RequestClient,
    private readonly payments: StripePaymentProvider,
    private readonly restart: (stripe: boolean) => Promise<RunningService<TippingServiceParts>>,
  ) {}

  get service(): RunningService<TippingServiceParts> {
    return this.running;
  }

  private readonly replicas: RunningService<TippingServiceParts>[] = [];

  /** One more replica of the service on the same schema and NATS server, closed with the bed. */
  async startReplica(): Promise<RunningService<TippingServiceParts>> {
    const replica = await this.restart(true);
    this.replicas.push(replica);
    return replica;
  }

  /** Stops the service and starts it again on the same schema and streams, with or without a Stripe key. */
  async restartService(options: { stripe: boolean }): Promise<void> {
    await this.running.close();
    this.running = await this.restart(options.stripe);
  }

  static async start(options: { stripe?: boolean; clock?: Clock } = {}): Promise<TippingTestbed> {
    const database = await openTestSchema({ prefix: 'tipping', poolSize: 2 });
    const nats = await spawnNatsServer({
      storeDir: join(tmpdir(), `elan-${database.schema}`),
      keepData: false,
      startTimeoutMs: 15_000,
    });
    const nc = await connect({ servers: nats.url });
    const emulator = await startStripeEmulator();
    const connection: StripeConnection = {
      secretKey: emulator.secretKey,
      host: emulator.host,
      port: emulator.port,
      protocol: emulator.protocol,
    };
    const start = (stripe: boolean) =>
      startTippingService(
        {
          databaseUrl: testDatabaseUrl(),
          natsUrl: nats.url,
          schema: database.schema,
          shutdownGraceMs: 0,
          tipSuggestions: DEFAULT_TIP_SUGGESTION_POLICY,
          ...(stripe && { stripe: { ...connection, maxNetworkRetries: 0 } }),
        },
        { logger: false, refundRetryAfterMs: () => 50, ...(options.clock && { clock: options.clock }) },
      );
    const service = await start(options.stripe !== false);
    const requests = new RequestClient({ connection: () => nc, timeoutMs: 10_000 });
    const payments = new StripePaymentProvider(connection);
    return new TippingTestbed(database, nats, nc, emulator, service, requests, payments, start);
  }

  publisher(pledge: PledgeFacts): PledgeStreamPublisher {
    return new PledgeStreamPublisher(this.nc, pledge.pledgeId);
  }

  /** The pledge service's one card payment for pledge and tip together. */
  async charge(pledge: PledgeFacts): Promise<PledgeFacts & { paymentIntentId: string }> {
    const outcome = await this.payments.payNow({
      owner: { service: 'pledge', entity: 'pledge', id: pledge.pledgeId },
      idempotencyKey: idempotencyKey('pledge', pledge.pledgeId, 'pay'),
      amount: eur(pledge.amount + pledge.tip),
      paymentMethodId: 'pm_card_visa',
    });
    if (outcome.kind !== 'succeeded') throw new Error(`the test payment did not succeed: ${outcome.kind}`);
    return { ...pledge, paymentIntentId: outcome.payment.paymentId };
  }

  /** What the pledge service refunds of a withdrawn charged pledge: the pledge, never the tip. */
  async refundPledgePart(pledge: PledgeFacts & { paymentIntentId: string }): Promise<void> {
    await this.payments.refund({
      owner: { service: 'pledge', entity: 'pledge', id: pledge.pledgeId },
      idempotencyKey: idempotencyKey('pledge', pledge.pledgeId, 'refund'),
      paymentId: pledge.paymentIntentId,
      amount: eur(pledge.amount),
    });
  }

  /** The emulator's refunds of one payment. */
  async refundsOf(paymentIntentId: string): Promise<Stripe.Refund[]> {
    const state = await this.emulator.control.state();
    return Object.values(state.refunds).filter((refund) => refund.payment_intent === paymentIntentId);
  }

  async chargeOf(paymentIntentId: string): Promise<Stripe.Charge | undefined> {
    const state = await this.emulator.control.state();
    return Object.values(state.charges).find((charge) => charge.payment_intent === paymentIntentId);
  }

  /** Where the emulator's books disagree with themselves; every money test ends expecting none. */
  async unbalancedBooks(): Promise<string[]> {
    return unbalancedBooks(await this.emulator.control.state());
  }

  async refundOwed(tipId: string): Promise<RefundOwed | undefined> {
    const { rows } = await this.database.pool.query<RefundOwed>(
      `SELECT tip_id, amount::text AS amount, attempts, last_error, refund_id FROM ${this.database.schema}.tip_refunds WHERE tip_id = $1`,
      [tipId],
    );
    return rows[0];
  }

  async tipEvents(tipId: string): Promise<string[]> {
    const { rows } = await this.database.pool.query<{ type: string }>(
      `SELECT type FROM ${this.database.schema}.events WHERE stream_id = $1 ORDER BY stream_position`,
      [`tip-${tipId}`],
    );
    return rows.map((row) => row.type);
  }

  /** What the inbox says of a pledge's n-th event: `handled`, `dead_lettered`, or undefined while not settled. */
  async inboxOutcome(pledgeId: string, position: number): Promise<string | undefined> {
    const { rows } = await this.database.pool.query<{ outcome: string }>(
      `SELECT outcome FROM ${this.database.schema}.inbox WHERE consumer = $1 AND stream_id = $2 AND stream_position = $3`,
      [TIPPING_PLEDGES_CONSUMER, `pledge-${pledgeId}`, position],
    );
    return rows[0]?.outcome;
  }

  /** The durable consumer has acknowledged every message published so far. */
  async consumerCaughtUp(): Promise<boolean> {
    const info = await (await this.nc.jetstreamManager()).consumers.info(ELAN_STREAM, TIPPING_PLEDGES_CONSUMER);
    return info.num_pending === 0 && info.num_ack_pending === 0;
  }

  /** Stops everything; throws when the emulator's books do not balance after all the file's tests moved. */
  async close(): Promise<void> {
    const problems = await this.unbalancedBooks();
    for (const replica of this.replicas.splice(0)) await replica.close();
    await this.service.close();
    await this.nc.close();
    await this.emulator.stop();
    await this.nats.stop();
    await this.database.dispose();
    if (problems.length > 0) throw new Error(`the emulator's books do not balance:\n${problems.join('\n')}`);
  }
}
