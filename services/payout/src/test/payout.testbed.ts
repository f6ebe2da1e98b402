import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, headers as natsHeaders, type NatsConnection } from 'nats';
import type Stripe from 'stripe';
import {
  campaignLaunched,
  getPayoutAccount,
  listCampaignPayouts,
  pledgeCommitted,
  startPayoutAccount,
  stripeEventReceived,
  type IntegrationEventContract,
  type PayloadOf,
  type ReplyOf,
} from '@elan/contracts';
import { eur, uuidv7 } from '@elan/domain-kernel';
import { HEADER, RequestClient } from '@elan/messaging';
import { idempotencyKey, StripePaymentProvider, type StripeConnection } from '@elan/payments';
import type { RunningService } from '@elan/service-kit';
import { startStripeEmulator, unbalancedBooks, type RunningStripeEmulator } from '@elan/stripe-emulator';
import {
  openTestSchema,
  spawnNatsServer,
  testDatabaseUrl,
  waitUntil,
  type SpawnedNatsServer,
  type TestSchema,
} from '@elan/testing';
import type { PayoutConfig } from '../app/payout.config';
import { startPayoutService, type PayoutServiceParts } from '../payout-service';

type Payouts = ReplyOf<typeof listCampaignPayouts>;

/** What a test file chooses of the service's configuration: the statement worker's pace, mostly, and the checkpoints' key and interval. */
export type PayoutTestbedSettings = Pick<PayoutConfig, 'statements' | 'statementWorkerIntervalMs' | 'transparency'>;

/** A holder as the gateway names them in a request. */
export const holderActor = (holderId: string) => ({ accountId: holderId, roles: ['contributor' as const, 'holder' as const] });

/** A message published as another service's outbox relay would, kept to be sent again. */
interface Sent {
  readonly subject: string;
  readonly data: string;
  readonly headers: ReturnType<typeof natsHeaders>;
}

/**
 * The real payout service in this process, with a PostgreSQL schema, a NATS server and a Stripe
 * emulator of the test file's own (its durable consumers are then this run's alone). The test
 * plays the other services: the gateway (requests, Stripe's `account.updated` as its relay
 * publishes it) and the campaign and pledge services (their integration events, published again
 * to play redeliveries), and charges pledges at the emulator itself through `payments`.
 */
export class PayoutTestbed {
  private readonly sent: Sent[] = [];
  private readonly positions = new Map<string, number>();

  private constructor(
    readonly database: TestSchema,
    readonly nats: SpawnedNatsServer,
    readonly nc: NatsConnection,
    readonly emulator: RunningStripeEmulator,
    /** The service's configuration, as its `main.ts` would build it from its environment. */
    readonly config: PayoutConfig,
    readonly requests: RequestClient,
    /** The payment port on the emulator, for the test's own charges and accounts. */
    readonly payments: StripePaymentProvider,
    private running: RunningService<PayoutServiceParts> | undefined,
  ) {}

  static async start(options: { prefix: string } & PayoutTestbedSettings): Promise<PayoutTestbed> {
    const { prefix, ...settings } = options;
    const database = await openTestSchema({ prefix, poolSize: 2 });
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
    const config: PayoutConfig = {
      databaseUrl: testDatabaseUrl(),
      natsUrl: nats.url,
      schema: database.schema,
      shutdownGraceMs: 0,
      stripe: { ...connection, maxNetworkRetries: 0 },
      onboardingReturnUrl: 'https://elan.example.org/me/payout-account?onboarding=done',
      onboardingRefreshUrl: 'https://elan.example.org/me/payout-account?onboarding=expired',
      accountCountry: 'FR',
      ...settings,
    };
    const requests = new RequestClient({ connection: () => nc, timeoutMs: 10_000 });
    const bed = new PayoutTestbed(
      database,
      nats,
      nc,
      emulator,
      config,
      requests,
      new StripePaymentProvider(connection),
      undefined,
    );
    await bed.startService();
    return bed;
  }

  get service(): RunningService<PayoutServiceParts> {
    if (!this.running) throw new Error('the payout service is stopped');
    return this.running;
  }

  /** Starts the service (again) on the same schema, streams and emulator. */
  async startService(): Promise<void> {
    if (this.running) throw new Error('the payout service is running already');
    this.running = await startPayoutService(this.config, { logger: false });
  }

  /** Stops the service, as a process going away would; its work resumes at the next `startService`. */
  async stopService(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.close();
  }

  /**
   * An integration event as its service's outbox relay publishes it: with its stream and the next
   * position on it. Answers an index for `again`.
   */
  async publish<C extends IntegrationEventContract>(contract: C, payload: PayloadOf<C>, streamId: string): Promise<number> {
    const position = (this.positions.get(streamId) ?? 0) + 1;
    this.positions.set(streamId, position);
    const h = natsHeaders();
    h.set(HEADER.eventId, uuidv7());
    h.set(HEADER.eventType, contract.type);
    h.set(HEADER.schemaVersion, String(contract.version));
    h.set(HEADER.streamId, streamId);
    h.set(HEADER.streamPosition, String(position));
    h.set(HEADER.previousPosition, String(position - 1));
    h.set(HEADER.occurredAt, new Date().toISOString());
    this.sent.push({ data: JSON.stringify(payload), headers: h, subject: contract.subject });
    await this.again(this.sent.length - 1);
    return this.sent.length - 1;
  }

  /** A message already published, again (same event id): a relay's retry or the bus's redelivery. */
  async again(index: number): Promise<void> {
    const message = this.sent[index];
    if (!message) throw new Error(`no message ${index}`);
    await this.nc.jetstream().publish(message.subject, message.data, { headers: message.headers, msgID: randomUUID() });
  }

  /** Stripe's `account.updated` as the gateway publishes it: each Stripe event a stream of its own in the gateway's log. */
  publishAccountUpdated(accountId: string, holderId: string, created: Date): Promise<number> {
    const stripeEventId = `evt_${randomUUID().replace(/-/g, '')}`;
    return this.publish(
      stripeEventReceived,
      {
        stripeEventId,
        type: 'account.updated',
        created: created.toISOString(),
        livemode: false,
        routedTo: 'payout',
        object: { id: accountId, type: 'account', metadata: { elan_service: 'payout', elan_holder_id: holderId } },
      },
      `stripeevent-${stripeEventId}`,
    );
  }

  /** A new holder who started a payout account (through the service, as the gateway asks), verified unless told otherwise. */
  async holder(options: { verified: boolean }): Promise<{ holderId: string; accountId: string }> {
    const holderId = uuidv7();
    await this.requests.request(startPayoutAccount, { actor: holderActor(holderId), email: `${holderId}@example.org` });
    const [account] = await this.stripeAccountsOf(holderId);
    if (!account) throw new Error(`the emulator holds no account of holder ${holderId}`);
    if (options.verified) await this.verify(holderId, account.id);
    return { holderId, accountId: account.id };
  }

  /** What Stripe's review does: the account verified at the emulator, its account.updated published, then seen by the service. */
  async verify(holderId: string, accountId: string): Promise<void> {
    await this.emulator.control.setAccountVerification(accountId, 'verified');
    await this.publishAccountUpdated(accountId, holderId, new Date());
    await waitUntil(
      async () =>
        (await this.requests.request(getPayoutAccount, { actor: holderActor(holderId) })).canReceiveTransfers ? true : undefined,
      { timeoutMs: 10_000, intervalMs: 50, description: 'the payout account is verified' },
    );
  }

  /** The campaign service's CampaignLaunched. */
  launch(campaignId: string, holderId: string, fundingModel: 'keep_it_all' | 'all_or_nothing'): Promise<number> {
    return this.publish(
      campaignLaunched,
      {
        campaignId,
        holderId,
        title: 'Une épicerie coopérative',
        fundingModel,
        goal: eur(10_000),
        startsAt: '2026-03-01T08:00:00Z',
        deadline: '2026-04-15T22:00:00Z',
        departement: '33',
      },
      `campaign-${campaignId}`,
    );
  }

  /** A pledge and its tip charged at the emulator, in the campaign's transfer group, as the pledge service does; answers the PaymentIntent. */
  async charge(campaignId: string, pledgeId: string, amount: number, tip: number): Promise<string> {
    const outcome = await this.payments.payNow({
      owner: { service: 'pledge', entity: 'pledge', id: pledgeId },
      idempotencyKey: idempotencyKey('pledge', pledgeId, 'pay'),
      amount: eur(amount + tip),
      paymentMethodId: 'pm_card_visa',
      transferGroup: `campaign-${campaignId}`,
    });
    if (outcome.kind !== 'succeeded') throw new Error(`the test charge was ${outcome.kind}`);
    return outcome.payment.paymentId;
  }

  /** A keep-it-all pledge charged, then the pledge service's PledgeCommitted (`charged: true`); `message` is for `again`. */
  async commitCharged(
    campaignId: string,
    amount: number,
    tip = 300,
  ): Promise<{ pledgeId: string; paymentIntentId: string; message: number }> {
    const pledgeId = uuidv7();
    const paymentIntentId = await this.charge(campaignId, pledgeId, amount, tip);
    const message = await this.publish(
      pledgeCommitted,
      {
        pledgeId,
        campaignId,
        fundingModel: 'keep_it_all',
        amount: eur(amount),
        tip: { amount: eur(tip) },
        contributorRef: uuidv7(),
        charged: true,
        paymentIntentId,
        committedAt: new Date().toISOString(),
      },
      `pledge-${pledgeId}`,
    );
    return { pledgeId, paymentIntentId, message };
  }

  /** The campaign's payouts as its holder reads them, once they hold what the test waits for. */
  payoutsOnce(holderId: string, campaignId: string, holds: (payouts: Payouts) => boolean, description: string): Promise<Payouts> {
    return waitUntil(
      async () => {
        const current = await this.requests
          .request(listCampaignPayouts, { actor: holderActor(holderId), campaignId })
          .catch(() => undefined);
        return current && holds(current) ? current : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 50, description },
    );
  }

  /** The emulator's Express accounts whose Élan metadata names `holderId`. */
  async stripeAccountsOf(holderId: string): Promise<Stripe.Account[]> {
    return Object.values((await this.emulator.control.state()).accounts).filter(
      (account) => account.metadata?.['elan_holder_id'] === holderId,
    );
  }

  /** The emulator's transfers in a campaign's group. */
  async transfersOf(campaignId: string): Promise<Stripe.Transfer[]> {
    return Object.values((await this.emulator.control.state()).transfers).filter(
      (transfer) => transfer.transfer_group === `campaign-${campaignId}`,
    );
  }

  /** The event types of a stream of the payout log, in order. */
  async eventTypes(streamId: string): Promise<string[]> {
    const { rows } = await this.database.pool.query<{ type: string }>(
      `SELECT type FROM ${this.database.schema}.events WHERE stream_id = $1 ORDER BY stream_position`,
      [streamId],
    );
    return rows.map((row) => row.type);
  }

  /** Where the emulator's books disagree with themselves; every money test ends expecting none. */
  async unbalancedBooks(): Promise<string[]> {
    return unbalancedBooks(await this.emulator.control.state());
  }

  /** Stops everything; throws when the emulator's books do not balance after all the file's tests moved. */
  async close(): Promise<void> {
    const problems = await this.unbalancedBooks();
    await this.stopService();
    await this.nc.close();
    await this.emulator.stop();
    await this.nats.stop();
    await this.database.dispose();
    if (problems.length > 0) throw new Error(`the emulator's books do not balance:\n${problems.join('\n')}`);
  }
}
