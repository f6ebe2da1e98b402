import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, headers as natsHeaders, type NatsConnection } from 'nats';
import {
  campaignLaunched,
  getCampaignLedger,
  getPayoutAccount,
  getPayoutCheckpoints,
  getPayoutMonths,
  getPayoutStreamLinks,
  listCampaignPayouts,
  pledgeCommitted,
  pledgeWithdrawn,
  requestPayout,
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
import { generateCheckpointKeys, verifyCheckpoint } from '@elan/transparency';
import { startPayoutService, type PayoutServiceParts } from '../payout-service';
import type { PayoutConfig } from '../app/payout.config';

type Payouts = ReplyOf<typeof listCampaignPayouts>;
const actorOf = (accountId: string) => ({ accountId, roles: ['contributor' as const, 'holder' as const] });

/**
 * The payout service's public side with every part of it real (PostgreSQL, NATS, the Stripe
 * emulator): a keep-it-all campaign paid out, then its public ledger read with exact figures,
 * the checkpoint signed on the payout (the hourly one is an hour away), the statement's fact in
 * it, the platform's month, and a ledger rewritten behind the store's back reported as broken.
 * The test plays the campaign and pledge services by publishing their integration events.
 */
describe('the payout service’s public ledger and checkpoints', () => {
  let database: TestSchema;
  let nats: SpawnedNatsServer;
  let nc: NatsConnection;
  let emulator: RunningStripeEmulator;
  let service: RunningService<PayoutServiceParts>;
  let requests: RequestClient;
  let payments: StripePaymentProvider;

  beforeAll(async () => {
    database = await openTestSchema({ prefix: 'payout_public_ledger', poolSize: 2 });
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
    const config: PayoutConfig = {
      databaseUrl: testDatabaseUrl(),
      natsUrl: nats.url,
      schema: database.schema,
      shutdownGraceMs: 0,
      stripe: { ...connection, maxNetworkRetries: 0 },
      onboardingReturnUrl: 'https://elan.example.org/me/payout-account?onboarding=done',
      onboardingRefreshUrl: 'https://elan.example.org/me/payout-account?onboarding=expired',
      accountCountry: 'FR',
      statements: { interval: { kind: 'every', ms: 3_600_000 }, retryBaseMs: 300, retryMaxMs: 1_000, accountRecheckMs: 100 },
      statementWorkerIntervalMs: 50,
      // Hourly: any checkpoint after the first one here is the payout's.
      transparency: { signingKey: generateCheckpointKeys().privateKeyPem, intervalMs: 3_600_000 },
    };
    service = await startPayoutService(config, { logger: false });
    requests = new RequestClient({ connection: () => nc, timeoutMs: 10_000 });
  });

  afterAll(async () => {
    await service?.close();
    await nc?.close();
    await emulator?.stop();
    await nats?.stop();
    await database?.dispose();
  });

  const positions = new Map<string, number>();
  /** An integration event as the publisher's outbox relay sends it. */
  const publish = async <C extends IntegrationEventContract>(contract: C, payload: PayloadOf<C>, streamId: string) => {
    const position = (positions.get(streamId) ?? 0) + 1;
    positions.set(streamId, position);
    const h = natsHeaders();
    h.set(HEADER.eventId, uuidv7());
    h.set(HEADER.eventType, contract.type);
    h.set(HEADER.schemaVersion, String(contract.version));
    h.set(HEADER.streamId, streamId);
    h.set(HEADER.streamPosition, String(position));
    h.set(HEADER.previousPosition, String(position - 1));
    h.set(HEADER.occurredAt, new Date().toISOString());
    await nc.jetstream().publish(contract.subject, JSON.stringify(payload), { headers: h, msgID: randomUUID() });
  };

  const verifiedHolder = async (): Promise<string> => {
    const holderId = uuidv7();
    await requests.request(startPayoutAccount, { actor: actorOf(holderId), email: `${holderId}@example.org` });
    const account = Object.values((await emulator.control.state()).accounts).find(
      (a) => a.metadata?.['elan_holder_id'] === holderId,
    );
    const accountId = account?.id ?? '';
    await emulator.control.setAccountVerification(accountId, 'verified');
    await publish(
      stripeEventReceived,
      {
        stripeEventId: `evt_${randomUUID().replace(/-/g, '')}`,
        type: 'account.updated',
        created: new Date().toISOString(),
        livemode: false,
        routedTo: 'payout',
        object: { id: accountId, type: 'account', metadata: { elan_service: 'payout', elan_holder_id: holderId } },
      },
      `stripeevent-${randomUUID()}`,
    );
    await waitUntil(
      async () =>
        (await requests.request(getPayoutAccount, { actor: actorOf(holderId) })).canReceiveTransfers ? true : undefined,
      { timeoutMs: 10_000, intervalMs: 50, description: 'the payout account is verified' },
    );
    return holderId;
  };

  /** A pledge and its tip charged at the emulator, then committed as the pledge service says it. */
  const commitCharged = async (campaignId: string, amount: number, tip: number) => {
    const pledgeId = uuidv7();
    const outcome = await payments.payNow({
      owner: { service: 'pledge', entity: 'pledge', id: pledgeId },
      idempotencyKey: idempotencyKey('pledge', pledgeId, 'pay'),
      amount: eur(amount + tip),
      paymentMethodId: 'pm_card_visa',
      transferGroup: `campaign-${campaignId}`,
    });
    if (outcome.kind !== 'succeeded') throw new Error(`the test charge was ${outcome.kind}`);
    const paymentIntentId = outcome.payment.paymentId;
    await publish(
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
    return { pledgeId, paymentIntentId };
  };

  const payoutsOnce = (holderId: string, campaignId: string, holds: (p: Payouts) => boolean, description: string) =>
    waitUntil(
      async () => {
        const current = await requests
          .request(listCampaignPayouts, { actor: actorOf(holderId), campaignId })
          .catch(() => undefined);
        return current && holds(current) ? current : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 50, description },
    );
  const ledgerEvents = async (streamId: string) =>
    (
      await database.pool.query<{ type: string; position: string; hash: string }>(
        `SELECT type, stream_position AS position, encode(hash, 'hex') AS hash FROM ${database.schema}.events
         WHERE stream_id = $1 ORDER BY stream_position`,
        [streamId],
      )
    ).rows.map((row) => ({ type: row.type, position: Number(row.position), hash: row.hash }));

  let campaignId: string;
  let statementId: string;

  it('signs a checkpoint on the payout, covering the paid statement and naming the fact the statement reports', async () => {
    const holderId = await verifiedHolder();
    campaignId = uuidv7();
    await publish(
      campaignLaunched,
      {
        campaignId,
        holderId,
        title: 'Une épicerie coopérative',
        fundingModel: 'keep_it_all',
        goal: eur(10_000),
        startsAt: '2026-03-01T08:00:00Z',
        deadline: '2026-04-15T22:00:00Z',
        departement: '33',
      },
      `campaign-${campaignId}`,
    );
    await commitCharged(campaignId, 3_000, 300);
    await commitCharged(campaignId, 2_500, 0);
    const refunded = await commitCharged(campaignId, 1_000, 100);
    await publish(
      pledgeWithdrawn,
      {
        pledgeId: refunded.pledgeId,
        campaignId,
        reason: 'refunded',
        amount: eur(1_000),
        tip: { amount: eur(100) },
        charged: true,
        paymentIntentId: refunded.paymentIntentId,
        withdrawnAt: new Date().toISOString(),
      },
      `pledge-${refunded.pledgeId}`,
    );
    await payoutsOnce(
      holderId,
      campaignId,
      (p) => p.balance.collected.count === 3 && p.balance.refunded.count === 1,
      'the facts',
    );
    const before = await requests.request(getPayoutCheckpoints, { limit: 0 });

    const drawn = await requests.request(requestPayout, { actor: actorOf(holderId), campaignId });
    statementId = drawn.statementId;
    const paid = await payoutsOnce(holderId, campaignId, (p) => p.statements[0]?.status === 'paid', 'the statement is paid');

    // The statement names the ledger event that drew it: its StatementRecorded, position and hash.
    const ledger = await ledgerEvents(`payoutledger-${campaignId}`);
    const statementRecorded = ledger.find((event) => event.type === 'StatementRecorded');
    expect(paid.statements[0]?.facts).toEqual({
      streamId: `payoutledger-${campaignId}`,
      position: statementRecorded?.position,
      hash: statementRecorded?.hash,
    });
    expect(drawn.facts).toEqual(paid.statements[0]?.facts);

    // A checkpoint follows the payout, though the hourly one is an hour away.
    const statementEvents = await ledgerEvents(`payout-${statementId}`);
    const statementPaid = statementEvents.find((event) => event.type === 'StatementPaid');
    const answer = await waitUntil(
      async () => {
        const current = await requests.request(getPayoutCheckpoints, { limit: 0 });
        const head = current.latest?.checkpoint.heads.find((h) => h.streamId === `payout-${statementId}`);
        return head?.position === statementPaid?.position ? current : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 50, description: 'a checkpoint covers the paid statement' },
    );
    const latest = answer.latest!;
    expect(latest.checkpoint.log).toBe('elan/payout');
    expect(latest.checkpoint.sequence).toBeGreaterThan(before.latest?.checkpoint.sequence ?? 0);
    expect(verifyCheckpoint(latest, answer.key.publicKeyPem)).toBe(true);
    expect(latest.checkpoint.heads).toEqual([
      { streamId: `payout-${statementId}`, position: statementPaid?.position, hash: statementPaid?.hash },
      { streamId: `payoutledger-${campaignId}`, position: ledger.at(-1)?.position, hash: ledger.at(-1)?.hash },
    ]);
    // The payout account's stream is no money stream: not signed, and not served.
    const accountStreams = await database.pool.query(
      `SELECT 1 FROM ${database.schema}.events WHERE stream_id LIKE 'payoutaccount-%'`,
    );
    expect(accountStreams.rowCount).toBeGreaterThan(0);
    await expect(
      requests.request(getPayoutStreamLinks, { streamId: `payoutaccount-${holderId}`, from: 1, limit: 10 }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const links = await requests.request(getPayoutStreamLinks, { streamId: `payoutledger-${campaignId}`, from: 1, limit: 100 });
    expect(links.links.map((link) => link.hash)).toEqual(ledger.map((event) => event.hash));
    expect(unbalancedBooks(await emulator.control.state())).toEqual([]);
  });

  it('answers the campaign’s public ledger with exact figures, the events behind them, and chains that hold', async () => {
    const ledger = await ledgerEvents(`payoutledger-${campaignId}`);
    const at = (type: string) =>
      ledger
        .filter((event) => event.type === type)
        .map(({ position, hash }) => ({ streamId: `payoutledger-${campaignId}`, position, hash }));
    const statementPaid = (await ledgerEvents(`payout-${statementId}`)).find((event) => event.type === 'StatementPaid');

    const answer = await requests.request(getCampaignLedger, { campaignId });

    expect(answer).toEqual({
      campaignId,
      currency: 'EUR',
      head: { streamId: `payoutledger-${campaignId}`, position: ledger.at(-1)?.position, hash: ledger.at(-1)?.hash },
      collected: { count: 3, amount: eur(6_500), facts: at('PledgeChargeRecorded') },
      refunded: { count: 1, amount: eur(1_000), facts: at('PledgeRefundRecorded') },
      paidOut: {
        count: 1,
        amount: eur(5_500),
        facts: [{ streamId: `payout-${statementId}`, position: statementPaid?.position, hash: statementPaid?.hash }],
      },
      reversed: { count: 0, amount: eur(0), facts: [] },
      stillDue: eur(0),
      stillDueFacts: [],
      advancedByPlatform: eur(0),
      balances: true,
      chains: [
        { streamId: `payoutledger-${campaignId}`, ok: true, eventsChecked: ledger.length, firstBrokenLink: null },
        { streamId: `payout-${statementId}`, ok: true, eventsChecked: expect.any(Number), firstBrokenLink: null },
      ],
      verified: true,
    });
    // Nothing about a person: no holder, pledge, contributor or payment id anywhere in it.
    const text = JSON.stringify(answer);
    for (const personal of ['holder', 'pledgeId', 'contributor', 'pi_', 'acct_', 'tr_']) expect(text).not.toContain(personal);
    await expect(requests.request(getCampaignLedger, { campaignId: uuidv7() })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('sums the month’s payouts from the events', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const { months } = await requests.request(getPayoutMonths, { from: month, to: month });

    expect(months).toEqual([
      {
        month,
        currency: 'EUR',
        pledgesCollected: { count: 3, amount: eur(6_500) },
        pledgesRefunded: { count: 1, amount: eur(1_000) },
        paidOut: { count: 1, amount: eur(5_500) },
        advancesReversed: { count: 0, amount: eur(0) },
        processingFeesBorne: expect.objectContaining({ currency: 'EUR' }),
      },
    ]);
    expect(months[0]?.processingFeesBorne.amount).toBeGreaterThan(0);
    expect((await requests.request(getPayoutMonths, { to: '2000-01' })).months).toEqual([]);
    await expect(requests.request(getPayoutMonths, { from: '2026-12', to: '2026-01' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('reports a ledger altered behind the store’s back as a broken chain', async () => {
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(
        `UPDATE ${database.schema}.events SET data = jsonb_set(data, '{amount,amount}', '100')
         WHERE stream_id = $1 AND type = 'PledgeChargeRecorded' AND stream_position = (
           SELECT min(stream_position) FROM ${database.schema}.events WHERE stream_id = $1 AND type = 'PledgeChargeRecorded')`,
        [`payoutledger-${campaignId}`],
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const firstCharge = (await ledgerEvents(`payoutledger-${campaignId}`)).find((event) => event.type === 'PledgeChargeRecorded');

    const answer = await requests.request(getCampaignLedger, { campaignId });

    expect(answer.verified).toBe(false);
    expect(answer.chains[0]).toMatchObject({
      streamId: `payoutledger-${campaignId}`,
      ok: false,
      firstBrokenLink: { position: firstCharge?.position, reason: 'hash_mismatch' },
    });
    expect(answer.chains[1]).toMatchObject({ ok: true });
    // The figures read the altered amount: only the chain tells it was altered.
    expect(answer.collected.amount).toEqual(eur(3_600));
  });
});
