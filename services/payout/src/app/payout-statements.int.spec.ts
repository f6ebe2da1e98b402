import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import {
  campaignCollectionClosed,
  campaignEnded,
  campaignSucceeded,
  listCampaignPayouts,
  listMyPayouts,
  pledgeCollected,
  pledgeWithdrawn,
  requestPayout,
  type ReplyOf,
} from '@elan/contracts';
import { eur, uuidv7 } from '@elan/domain-kernel';
import { testDatabaseUrl, waitUntil } from '@elan/testing';
import { payoutLedgerStream } from '../ledger';
import { PayoutTestbed } from '../test/payout.testbed';

type Statement = ReplyOf<typeof requestPayout>;
type Payouts = ReplyOf<typeof listCampaignPayouts>;

const actorOf = (accountId: string, roles: Array<'contributor' | 'holder' | 'admin'> = ['contributor', 'holder']) => ({
  accountId,
  roles,
});

/**
 * Statements and transfers with the payout service in this process, on a schema, a NATS server
 * and a Stripe emulator of this file's own (the payout testbed). The test plays the campaign and
 * pledge services: it publishes their integration events as their outbox relays would (again, to
 * play redeliveries), and charges the pledges at the emulator itself, so the transfers are paid
 * from real charges.
 */
describe('statements and transfers', () => {
  let bed: PayoutTestbed;

  beforeAll(async () => {
    bed = await PayoutTestbed.start({
      prefix: 'payout_statements',
      statements: { interval: { kind: 'every', ms: 3_600_000 }, retryBaseMs: 300, retryMaxMs: 1_000, accountRecheckMs: 100 },
      statementWorkerIntervalMs: 50,
    });
  });

  afterAll(() => bed?.close());

  /** The same message again (same event id): a relay's retry or the bus's redelivery. */
  const again = (index: number) => bed.again(index);

  const verifiedHolder = (verified = true) => bed.holder({ verified });
  const verify = (holderId: string, accountId: string) => bed.verify(holderId, accountId);
  const launch = (campaignId: string, holderId: string, fundingModel: 'keep_it_all' | 'all_or_nothing') =>
    bed.launch(campaignId, holderId, fundingModel);
  const charge = (campaignId: string, pledgeId: string, amount: number, tip: number) =>
    bed.charge(campaignId, pledgeId, amount, tip);
  const commitCharged = (campaignId: string, amount: number, tip = 300) => bed.commitCharged(campaignId, amount, tip);

  const payouts = (holderId: string, campaignId: string): Promise<Payouts> =>
    bed.requests.request(listCampaignPayouts, { actor: actorOf(holderId), campaignId });
  const payoutsOnce = (holderId: string, campaignId: string, holds: (p: Payouts) => boolean, description: string) =>
    bed.payoutsOnce(holderId, campaignId, holds, description);
  const transfersOf = (campaignId: string) => bed.transfersOf(campaignId);
  const ledgerTypes = (campaignId: string) => bed.eventTypes(payoutLedgerStream(campaignId));

  it('records each fact once under redelivery, and pays a keep-it-all holder’s request by one transfer of collected − refunded', async () => {
    const { holderId, accountId } = await verifiedHolder();
    const campaignId = uuidv7();
    const launched = await launch(campaignId, holderId, 'keep_it_all');
    const first = await commitCharged(campaignId, 3_000);
    await commitCharged(campaignId, 2_500, 0);
    const refunded = await commitCharged(campaignId, 1_000);
    const withdrawal = await bed.publish(
      pledgeWithdrawn,
      {
        pledgeId: refunded.pledgeId,
        campaignId,
        reason: 'refunded',
        amount: eur(1_000),
        tip: { amount: eur(300) },
        charged: true,
        paymentIntentId: refunded.paymentIntentId,
        withdrawnAt: new Date().toISOString(),
      },
      `pledge-${refunded.pledgeId}`,
    );
    await again(launched);
    await again(first.message);
    await again(withdrawal);
    await again(first.message);

    const before = await payoutsOnce(holderId, campaignId, (p) => p.balance.refunded.count === 1, 'the refund is on the ledger');
    // A later fact proves the redeliveries were seen and dropped.
    await commitCharged(campaignId, 500, 0);
    const balance = (await payoutsOnce(holderId, campaignId, (p) => p.balance.collected.count === 4, 'the fourth pledge'))
      .balance;
    expect(before.balance.collected).toEqual({ count: 3, amount: eur(6_500) });
    expect(balance).toMatchObject({
      collected: { count: 4, amount: eur(7_000) },
      refunded: { count: 1, amount: eur(1_000) },
      netDue: eur(6_000),
    });
    expect((await ledgerTypes(campaignId)).filter((t) => t === 'PledgeChargeRecorded')).toHaveLength(4);
    expect(await ledgerTypes(campaignId)).toEqual(expect.arrayContaining(['CampaignRecorded', 'PledgeRefundRecorded']));

    const statement: Statement = await bed.requests.request(requestPayout, { actor: actorOf(holderId), campaignId });
    expect(statement).toMatchObject({
      campaignId,
      holderId,
      sequence: 1,
      trigger: 'holder_request',
      lines: {
        pledgesCollected: { count: 4, amount: eur(7_000) },
        pledgesRefunded: { count: 1, amount: eur(1_000) },
        previouslyStated: { count: 0, amount: eur(0) },
        netDue: eur(6_000),
        tips: 'excluded',
      },
      covers: { streamId: payoutLedgerStream(campaignId) },
    });
    expect(statement.covers.position).toBe((await ledgerTypes(campaignId)).length - 1);
    await expect(bed.requests.request(requestPayout, { actor: actorOf(holderId), campaignId })).rejects.toMatchObject({
      code: 'illegal_state',
    });
    await expect(bed.requests.request(requestPayout, { actor: actorOf(uuidv7()), campaignId })).rejects.toMatchObject({
      code: 'not_found',
    });

    const paid = await payoutsOnce(holderId, campaignId, (p) => p.statements[0]?.status === 'paid', 'the statement is paid');
    const [transfer, ...others] = await transfersOf(campaignId);
    expect(others).toEqual([]);
    expect(transfer).toMatchObject({ amount: 6_000, currency: 'eur', destination: accountId });
    expect(paid.statements[0]?.transfer.transferId).toBe(transfer?.id);
    // 4 payments' fees, borne by the platform: shown, and not deducted from the 6 000 transferred.
    expect(paid.statements[0]?.lines.processingFeesBorneByPlatform?.amount).toBeGreaterThan(0);
    expect(
      (await bed.requests.request(listMyPayouts, { actor: actorOf(holderId) })).statements.map((s) => s.statementId),
    ).toEqual([statement.statementId]);
    await expect(payouts(uuidv7(), campaignId)).rejects.toMatchObject({ code: 'forbidden' });
    expect(
      (await bed.requests.request(listCampaignPayouts, { actor: actorOf(uuidv7(), ['admin']), campaignId })).statements,
    ).toHaveLength(1);
    expect(await bed.unbalancedBooks()).toEqual([]);
  });

  it('never transfers twice for one statement when Stripe’s answer is lost and the service restarts', async () => {
    const { holderId } = await verifiedHolder();
    const campaignId = uuidv7();
    await launch(campaignId, holderId, 'keep_it_all');
    await commitCharged(campaignId, 4_000);
    await payoutsOnce(holderId, campaignId, (p) => p.balance.netDue.amount === 4_000, 'the pledge is on the ledger');

    // Stripe makes the transfer, and the answer never comes back (the SDK's own retry included).
    await bed.emulator.control.failNext({
      path: '/v1/transfers',
      method: 'POST',
      kind: 'connection-reset',
      afterProcessing: true,
      times: 2,
    });
    await bed.requests.request(requestPayout, { actor: actorOf(holderId), campaignId });
    const failed = await payoutsOnce(
      holderId,
      campaignId,
      (p) => p.statements[0]?.status === 'transfer_failed',
      'the attempt failed',
    );
    expect(failed.statements[0]?.transfer.lastFailure).toMatchObject({ code: 'stripe_unreachable' });
    expect(await transfersOf(campaignId)).toHaveLength(1); // made at Stripe, unknown to Élan

    // The process goes away before its retry, and another takes over.
    await bed.stopService();
    await bed.startService();

    const paid = await payoutsOnce(holderId, campaignId, (p) => p.statements[0]?.status === 'paid', 'the statement is paid');
    const transfers = await transfersOf(campaignId);
    expect(transfers).toHaveLength(1);
    expect(paid.statements[0]?.transfer.transferId).toBe(transfers[0]?.id);
    expect(paid.statements[0]?.transfer.attempts).toBe(1);
  });

  it('waits for an account that cannot receive, says why, and pays once it is verified', async () => {
    const { holderId, accountId } = await verifiedHolder(false);
    const campaignId = uuidv7();
    await launch(campaignId, holderId, 'keep_it_all');
    await commitCharged(campaignId, 2_000);
    await payoutsOnce(holderId, campaignId, (p) => p.balance.netDue.amount === 2_000, 'the pledge is on the ledger');
    await bed.requests.request(requestPayout, { actor: actorOf(holderId), campaignId });

    const waiting = await payoutsOnce(holderId, campaignId, (p) => p.statements[0]?.status === 'awaiting_account', 'it waits');
    expect(waiting.statements[0]?.waitingFor?.reason).toMatch(/\w/);
    expect(await transfersOf(campaignId)).toEqual([]);

    await verify(holderId, accountId);
    await payoutsOnce(holderId, campaignId, (p) => p.statements[0]?.status === 'paid', 'the statement is paid');
    expect((await transfersOf(campaignId)).map((t) => t.amount)).toEqual([2_000]);
  });

  it('draws an all-or-nothing statement once the collection closed and every collected pledge arrived, in any order', async () => {
    const { holderId } = await verifiedHolder();
    const campaignId = uuidv7();
    const collect = async (amount: number) => {
      const pledgeId = uuidv7();
      const paymentIntentId = await charge(campaignId, pledgeId, amount, 200);
      return bed.publish(
        pledgeCollected,
        {
          pledgeId,
          campaignId,
          amount: eur(amount),
          tip: { amount: eur(200) },
          paymentIntentId,
          collectedAt: new Date().toISOString(),
        },
        `pledge-${pledgeId}`,
      );
    };
    await launch(campaignId, holderId, 'all_or_nothing');
    await collect(5_000);
    const closed = await bed.publish(
      campaignCollectionClosed,
      {
        campaignId,
        collected: { count: 2, amount: eur(8_000) },
        dropped: { count: 1, amount: eur(1_000) },
        closedAt: new Date().toISOString(),
      },
      `collection-${campaignId}`,
    );
    await bed.publish(
      campaignSucceeded,
      { campaignId, closedAt: new Date().toISOString(), committedTotal: eur(9_000), backers: 3 },
      `campaign-${campaignId}`,
    );
    const waiting = await payoutsOnce(
      holderId,
      campaignId,
      (p) => /on their way/.test(p.balance.nextStatement),
      'the ledger waits',
    );
    expect(waiting.statements).toEqual([]);
    await expect(bed.requests.request(requestPayout, { actor: actorOf(holderId), campaignId })).rejects.toMatchObject({
      code: 'illegal_state',
    });

    await collect(3_000);
    await again(closed);
    const paid = await payoutsOnce(holderId, campaignId, (p) => p.statements[0]?.status === 'paid', 'the statement is paid');
    expect(paid.statements).toHaveLength(1);
    expect(paid.statements[0]).toMatchObject({ trigger: 'collection_closed', lines: { netDue: eur(8_000) } });
    expect((await transfersOf(campaignId)).map((t) => t.amount)).toEqual([8_000]);
  });

  it('records a refund after payout as a platform advance, and takes it back by one reversal once the campaign ended (ADR 0027)', async () => {
    const { holderId } = await verifiedHolder();
    const campaignId = uuidv7();
    await launch(campaignId, holderId, 'keep_it_all');
    await commitCharged(campaignId, 3_000);
    const refunded = await commitCharged(campaignId, 2_000);
    await payoutsOnce(holderId, campaignId, (p) => p.balance.netDue.amount === 5_000, 'both pledges are on the ledger');
    await bed.requests.request(requestPayout, { actor: actorOf(holderId), campaignId });
    await payoutsOnce(holderId, campaignId, (p) => p.statements[0]?.status === 'paid', 'the statement is paid');

    const withdrawal = await bed.publish(
      pledgeWithdrawn,
      {
        pledgeId: refunded.pledgeId,
        campaignId,
        reason: 'cancelled',
        amount: eur(2_000),
        tip: { amount: eur(300) },
        charged: true,
        paymentIntentId: refunded.paymentIntentId,
        withdrawnAt: new Date().toISOString(),
      },
      `pledge-${refunded.pledgeId}`,
    );
    const advanced = await payoutsOnce(holderId, campaignId, (p) => p.balance.outstandingAdvance.amount === 2_000, 'the advance');
    expect(advanced.balance.netDue).toEqual(eur(0));
    expect(await ledgerTypes(campaignId)).toContain('PlatformAdvanceRecorded');
    // While the campaign runs, the advance waits to be netted from the next statement: nothing is reversed.
    expect((await transfersOf(campaignId))[0]?.amount_reversed).toBe(0);

    await bed.publish(
      campaignEnded,
      { campaignId, closedAt: new Date().toISOString(), collectedTotal: eur(3_000), backers: 1 },
      `campaign-${campaignId}`,
    );
    await again(withdrawal);
    const recovered = await payoutsOnce(
      holderId,
      campaignId,
      (p) => p.balance.outstandingAdvance.amount === 0,
      'the advance is recovered',
    );
    const [transfer, ...others] = await transfersOf(campaignId);
    expect(others).toEqual([]);
    expect(transfer).toMatchObject({ amount: 5_000, amount_reversed: 2_000 });
    expect(recovered.balance).toMatchObject({
      collected: { amount: eur(5_000) },
      refunded: { amount: eur(2_000) },
      netDue: eur(0),
    });
    expect((await ledgerTypes(campaignId)).filter((t) => t === 'AdvanceReversalRecorded')).toHaveLength(1);
    expect(
      Object.values((await bed.emulator.control.state()).transferReversals).filter((r) => r.transfer === transfer?.id),
    ).toHaveLength(1);
  });

  /** The payout service as deployed (its main.ts) in a child process of this test, which may kill it. */
  const forkPayoutService = async (): Promise<ChildProcess> => {
    const child = fork(resolve(__dirname, '../main.ts'), [], {
      execArgv: ['-r', '@swc-node/register'],
      env: {
        ...process.env,
        DATABASE_URL: testDatabaseUrl(),
        NATS_URL: bed.nats.url,
        PAYOUT_SCHEMA: bed.database.schema,
        STRIPE_SECRET_KEY: bed.emulator.secretKey,
        STRIPE_API_URL: bed.emulator.url,
        PAYOUT_WORKER_INTERVAL_MS: '50',
        PAYOUT_ACCOUNT_RECHECK_MS: '100',
        PAYOUT_TRANSFER_RETRY_MS: '300',
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    await new Promise<void>((ready, failed) => {
      child.once('message', (message) => (message === 'ready' ? ready() : failed(new Error(String(message)))));
      child.once('exit', (code) => failed(new Error(`the payout service exited (${code}) before it was ready`)));
    });
    return child;
  };

  it('never transfers twice when the process is killed between Stripe’s transfer and its commit', async () => {
    const { holderId } = await verifiedHolder();
    const campaignId = uuidv7();
    await launch(campaignId, holderId, 'keep_it_all');
    await commitCharged(campaignId, 4_500); // its tip pays Stripe's fee: the platform's balance covers the transfer
    await payoutsOnce(holderId, campaignId, (p) => p.balance.netDue.amount === 4_500, 'the pledge is on the ledger');
    const statusInDatabase = async () =>
      (
        await bed.database.pool.query<{ status: string }>(
          `SELECT status FROM ${bed.database.schema}.statements WHERE campaign_id = $1`,
          [campaignId],
        )
      ).rows[0]?.status;

    // Only the child works now; Stripe takes a second to answer its transfer.
    await bed.stopService();
    const child = await forkPayoutService();
    const exited = new Promise((done) => child.once('exit', done));
    const blocker = await bed.database.pool.connect();
    try {
      await bed.emulator.control.failNext({ path: '/v1/transfers', method: 'POST', kind: 'delay', delayMs: 1_000 });
      await bed.requests.request(requestPayout, { actor: actorOf(holderId), campaignId });
      await waitUntil(async () => ((await statusInDatabase()) === 'transfer_requested' ? true : undefined), {
        timeoutMs: 10_000,
        intervalMs: 10,
        description: 'the transfer is asked',
      });
      // While Stripe works, the test holds the log: the child's record of Stripe's answer must wait.
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE ${bed.database.schema}.events IN SHARE MODE`);
      await waitUntil(async () => ((await transfersOf(campaignId)).length === 1 ? true : undefined), {
        timeoutMs: 10_000,
        intervalMs: 20,
        description: 'Stripe made the transfer',
      });
      await waitUntil(
        async () =>
          (
            await bed.database.pool.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1`, [
              `%INSERT INTO ${bed.database.schema}.events%`,
            ])
          ).rowCount
            ? true
            : undefined,
        { timeoutMs: 10_000, intervalMs: 20, description: 'the child waits to record Stripe’s answer' },
      );
      child.kill('SIGKILL');
      await exited;
    } finally {
      child.kill('SIGKILL');
      await blocker.query('ROLLBACK').catch(() => undefined);
      blocker.release();
    }
    expect(await statusInDatabase()).toBe('transfer_requested'); // Stripe's answer was never recorded

    await bed.startService();
    const paid = await payoutsOnce(holderId, campaignId, (p) => p.statements[0]?.status === 'paid', 'the statement is paid');
    const transfers = await transfersOf(campaignId);
    expect(transfers.map((t) => t.amount)).toEqual([4_500]);
    expect(paid.statements[0]?.transfer).toMatchObject({ transferId: transfers[0]?.id, attempts: 1, lastFailure: null });
  });
});
