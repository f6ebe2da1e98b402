import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, headers as natsHeaders, type NatsConnection } from 'nats';
import {
  getPayoutAccount,
  startPayoutAccount,
  stripeEventReceived,
  type ReplyOf,
  type StripeEventReceivedPayload,
} from '@elan/contracts';
import { uuidv7 } from '@elan/domain-kernel';
import { HEADER, RequestClient } from '@elan/messaging';
import { StripePaymentProvider, type StripeConnection } from '@elan/payments';
import type { RunningService } from '@elan/service-kit';
import { startStripeEmulator, type RunningStripeEmulator } from '@elan/stripe-emulator';
import {
  openTestSchema,
  spawnNatsServer,
  testDatabaseUrl,
  waitUntil,
  type SpawnedNatsServer,
  type TestSchema,
} from '@elan/testing';
import { payoutAccountStream } from '../payout-account';
import type { PayoutParts } from '../payout-service.module';
import { startPayoutService } from '../payout-service';
import { connectedAccountKey, holderOwner } from './payout-accounts';

type View = ReplyOf<typeof getPayoutAccount>;

const actorOf = (holderId: string) => ({ accountId: holderId, roles: ['contributor' as const, 'holder' as const] });

/**
 * The payout service in this process on a schema, a NATS server and a Stripe emulator of this
 * file's own. The test plays the gateway: it asks the requests, and publishes Stripe's
 * `account.updated` as the gateway's relay would, at the times and in the order it chooses.
 */
describe('the payout service', () => {
  let database: TestSchema;
  let nats: SpawnedNatsServer;
  let nc: NatsConnection;
  let emulator: RunningStripeEmulator;
  let service: RunningService<PayoutParts>;
  let requests: RequestClient;
  let payments: StripePaymentProvider;

  beforeAll(async () => {
    database = await openTestSchema({ prefix: 'payout', poolSize: 2 });
    nats = await spawnNatsServer({
      storeDir: join(tmpdir(), `elan-${database.schema}`),
      keepData: false,
      startTimeoutMs: 15_000,
    });
    nc = await connect({ servers: nats.url });
    emulator = await startStripeEmulator();
    const connection: StripeConnection = {
      secretKey: emulator.secretKey,
      host: emulator.host,
      port: emulator.port,
      protocol: emulator.protocol,
    };
    payments = new StripePaymentProvider(connection);
    service = await startPayoutService(
      {
        databaseUrl: testDatabaseUrl(),
        natsUrl: nats.url,
        schema: database.schema,
        shutdownGraceMs: 0,
        stripe: { ...connection, maxNetworkRetries: 0 },
        onboardingReturnUrl: 'https://elan.example.org/me/payout-account?onboarding=done',
        onboardingRefreshUrl: 'https://elan.example.org/me/payout-account?onboarding=expired',
        accountCountry: 'FR',
      },
      { logger: false },
    );
    requests = new RequestClient({ connection: () => nc, timeoutMs: 10_000 });
  });

  afterAll(async () => {
    await service?.close();
    await nc?.close();
    await emulator?.stop();
    await nats?.stop();
    await database?.dispose();
  });

  const start = (holderId: string) =>
    requests.request(startPayoutAccount, { actor: actorOf(holderId), email: `${holderId}@example.org` });
  const view = (holderId: string): Promise<View> => requests.request(getPayoutAccount, { actor: actorOf(holderId) });
  const viewOnce = (holderId: string, holds: (v: View) => boolean, description: string) =>
    waitUntil(
      async () => {
        const current = await view(holderId);
        return holds(current) ? current : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 50, description },
    );

  const eventsOf = async (holderId: string): Promise<string[]> =>
    (
      await database.pool.query<{ type: string }>(
        `SELECT type FROM ${database.schema}.events WHERE stream_id = $1 ORDER BY stream_position`,
        [payoutAccountStream(holderId)],
      )
    ).rows.map((row) => row.type);

  const accountsOf = async (holderId: string) =>
    Object.values((await emulator.control.state()).accounts).filter((a) => a.metadata?.['elan_holder_id'] === holderId);

  /** Stripe's account.updated as the gateway publishes it: each event a stream of its own in the gateway's log. */
  const published: Array<{ data: string; headers: ReturnType<typeof natsHeaders> }> = [];
  const publishAccountUpdated = async (accountId: string, holderId: string, created: Date): Promise<number> => {
    const payload: StripeEventReceivedPayload = {
      stripeEventId: `evt_${randomUUID().replace(/-/g, '')}`,
      type: 'account.updated',
      created: created.toISOString(),
      livemode: false,
      routedTo: 'payout',
      object: { id: accountId, type: 'account', metadata: { elan_service: 'payout', elan_holder_id: holderId } },
    };
    const h = natsHeaders();
    h.set(HEADER.eventId, uuidv7());
    h.set(HEADER.eventType, stripeEventReceived.type);
    h.set(HEADER.schemaVersion, String(stripeEventReceived.version));
    h.set(HEADER.streamId, `stripeevent-${payload.stripeEventId}`);
    h.set(HEADER.streamPosition, '1');
    h.set(HEADER.previousPosition, '0');
    h.set(HEADER.occurredAt, new Date().toISOString());
    const message = { data: JSON.stringify(payload), headers: h };
    published.push(message);
    await republish(published.length - 1);
    return published.length - 1;
  };
  /** A message already published, again: a relay's retry or a redelivery (same event id). */
  const republish = async (index: number): Promise<void> => {
    const message = published[index];
    if (!message) throw new Error(`no message ${index}`);
    await nc.jetstream().publish(stripeEventReceived.subject, message.data, { headers: message.headers, msgID: randomUUID() });
  };

  it('makes one Stripe account and records one opening when two starts race', async () => {
    const holderId = uuidv7();
    const answers = await Promise.all([start(holderId), start(holderId)]);

    expect(answers.map((a) => a.opened).sort()).toEqual([false, true]);
    expect(new Set(answers.map((a) => a.onboardingUrl)).size).toBe(1);
    expect(answers[0]?.onboardingUrl).toMatch(/\/emulator\/onboarding\/acct_/);
    expect(await accountsOf(holderId)).toHaveLength(1);
    expect(await eventsOf(holderId)).toEqual(['PayoutAccountOpened']);
    expect((await start(holderId)).opened).toBe(false);
    expect(await accountsOf(holderId)).toHaveLength(1);
  });

  it('ignores an account.updated older than the last applied, and a redelivered one', async () => {
    const holderId = uuidv7();
    await start(holderId);
    const [account] = await accountsOf(holderId);
    const accountId = account?.id ?? '';
    const t0 = Date.now();

    await emulator.control.setAccountVerification(accountId, 'verified');
    const verifiedMessage = await publishAccountUpdated(accountId, holderId, new Date(t0 + 20_000));
    await viewOnce(holderId, (v) => v.status === 'verified', 'the account is verified');

    // Stripe restricts it, but the event that arrives says it happened before the verification.
    await emulator.control.setAccountVerification(accountId, 'restricted', ['external_account']);
    await publishAccountUpdated(accountId, holderId, new Date(t0 + 10_000));
    // A later event proves the consumer has gone past the stale one.
    const later = uuidv7();
    await start(later);
    const [laterAccount] = await accountsOf(later);
    await emulator.control.setAccountVerification(laterAccount?.id ?? '', 'verified');
    await publishAccountUpdated(laterAccount?.id ?? '', later, new Date(t0 + 30_000));
    await viewOnce(later, (v) => v.status === 'verified', 'the later account is verified');
    expect((await view(holderId)).status).toBe('verified');
    expect(await eventsOf(holderId)).toEqual(['PayoutAccountOpened', 'PayoutAccountVerified']);

    // The newer event applies; its redelivery changes nothing.
    const restrictedMessage = await publishAccountUpdated(accountId, holderId, new Date(t0 + 40_000));
    const restricted = await viewOnce(holderId, (v) => v.status === 'restricted', 'the account is restricted');
    expect(restricted).toMatchObject({ requirements: ['external_account'], canReceiveTransfers: false });
    await republish(restrictedMessage);
    await republish(verifiedMessage);
    await emulator.control.setAccountVerification(laterAccount?.id ?? '', 'restricted');
    await publishAccountUpdated(laterAccount?.id ?? '', later, new Date(t0 + 50_000));
    await viewOnce(later, (v) => v.status === 'restricted', 'the later account is restricted');
    expect(await eventsOf(holderId)).toEqual(['PayoutAccountOpened', 'PayoutAccountVerified', 'PayoutAccountRestricted']);
  });

  it('opens the account from Stripe’s update when the start’s recording was lost', async () => {
    const holderId = uuidv7();
    const account = await payments.createConnectedAccount({
      owner: holderOwner(holderId),
      idempotencyKey: connectedAccountKey(holderId),
      email: 'lost-reply@example.org',
      country: 'FR',
    });
    expect((await view(holderId)).status).toBe('none');

    await emulator.control.setAccountVerification(account.accountId, 'verified');
    await publishAccountUpdated(account.accountId, holderId, new Date());

    await viewOnce(holderId, (v) => v.status === 'verified', 'the account is opened and verified');
    expect(await eventsOf(holderId)).toEqual(['PayoutAccountOpened', 'PayoutAccountVerified']);
    const again = await start(holderId);
    expect(again).toMatchObject({ opened: false, status: 'verified' });
    expect(await accountsOf(holderId)).toHaveLength(1);
  });

  it('refuses an update naming a holder the Stripe account does not belong to', async () => {
    const owner = uuidv7();
    const impostor = uuidv7();
    await start(owner);
    const [account] = await accountsOf(owner);
    await emulator.control.setAccountVerification(account?.id ?? '', 'verified');

    await publishAccountUpdated(account?.id ?? '', impostor, new Date());
    await publishAccountUpdated(account?.id ?? '', owner, new Date());

    await viewOnce(owner, (v) => v.status === 'verified', 'the owner’s account is verified');
    expect((await view(impostor)).status).toBe('none');
    expect(await eventsOf(impostor)).toEqual([]);
  });
});
