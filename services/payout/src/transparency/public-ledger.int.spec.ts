import {
  getCampaignLedger,
  getPayoutCheckpoints,
  getPayoutMonths,
  getPayoutStreamLinks,
  pledgeWithdrawn,
  requestPayout,
} from '@elan/contracts';
import { eur, uuidv7 } from '@elan/domain-kernel';
import { alterEventBehindTheStore, waitUntil } from '@elan/testing';
import { generateCheckpointKeys, verifyCheckpoint } from '@elan/transparency';
import { holderActor, PayoutTestbed } from '../test/payout.testbed';

/**
 * The payout service's public side with every part of it real (PostgreSQL, NATS, the Stripe
 * emulator): a keep-it-all campaign paid out, then its public ledger read with exact figures,
 * the checkpoint signed on the payout (the hourly one is an hour away), the statement's fact in
 * it, the platform's month, and a ledger rewritten behind the store's back reported as broken.
 * The test plays the campaign and pledge services by publishing their integration events (the
 * payout testbed).
 */
describe('the payout service’s public ledger and checkpoints', () => {
  let bed: PayoutTestbed;

  beforeAll(async () => {
    bed = await PayoutTestbed.start({
      prefix: 'payout_public_ledger',
      statements: { interval: { kind: 'every', ms: 3_600_000 }, retryBaseMs: 300, retryMaxMs: 1_000, accountRecheckMs: 100 },
      statementWorkerIntervalMs: 50,
      // Hourly: any checkpoint after the first one here is the payout's.
      transparency: { signingKey: generateCheckpointKeys().privateKeyPem, intervalMs: 3_600_000 },
    });
  });

  afterAll(() => bed?.close());

  const ledgerEvents = async (streamId: string) =>
    (
      await bed.database.pool.query<{ type: string; position: string; hash: string }>(
        `SELECT type, stream_position AS position, encode(hash, 'hex') AS hash FROM ${bed.database.schema}.events
         WHERE stream_id = $1 ORDER BY stream_position`,
        [streamId],
      )
    ).rows.map((row) => ({ type: row.type, position: Number(row.position), hash: row.hash }));

  let campaignId: string;
  let statementId: string;

  it('signs a checkpoint on the payout, covering the paid statement and naming the fact the statement reports', async () => {
    const { holderId } = await bed.holder({ verified: true });
    campaignId = uuidv7();
    await bed.launch(campaignId, holderId, 'keep_it_all');
    await bed.commitCharged(campaignId, 3_000, 300);
    await bed.commitCharged(campaignId, 2_500, 0);
    const refunded = await bed.commitCharged(campaignId, 1_000, 100);
    await bed.publish(
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
    await bed.payoutsOnce(
      holderId,
      campaignId,
      (p) => p.balance.collected.count === 3 && p.balance.refunded.count === 1,
      'the facts',
    );
    const before = await bed.requests.request(getPayoutCheckpoints, { limit: 0 });

    const drawn = await bed.requests.request(requestPayout, { actor: holderActor(holderId), campaignId });
    statementId = drawn.statementId;
    const paid = await bed.payoutsOnce(holderId, campaignId, (p) => p.statements[0]?.status === 'paid', 'the statement is paid');

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
        const current = await bed.requests.request(getPayoutCheckpoints, { limit: 0 });
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
    const accountStreams = await bed.database.pool.query(
      `SELECT 1 FROM ${bed.database.schema}.events WHERE stream_id LIKE 'payoutaccount-%'`,
    );
    expect(accountStreams.rowCount).toBeGreaterThan(0);
    await expect(
      bed.requests.request(getPayoutStreamLinks, { streamId: `payoutaccount-${holderId}`, from: 1, limit: 10 }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const links = await bed.requests.request(getPayoutStreamLinks, {
      streamId: `payoutledger-${campaignId}`,
      from: 1,
      limit: 100,
    });
    expect(links.links.map((link) => link.hash)).toEqual(ledger.map((event) => event.hash));
    expect(await bed.unbalancedBooks()).toEqual([]);
  });

  it('answers the campaign’s public ledger with exact figures, the events behind them, and chains that hold', async () => {
    const ledger = await ledgerEvents(`payoutledger-${campaignId}`);
    const at = (type: string) =>
      ledger
        .filter((event) => event.type === type)
        .map(({ position, hash }) => ({ streamId: `payoutledger-${campaignId}`, position, hash }));
    const statementPaid = (await ledgerEvents(`payout-${statementId}`)).find((event) => event.type === 'StatementPaid');

    const answer = await bed.requests.request(getCampaignLedger, { campaignId });

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
    await expect(bed.requests.request(getCampaignLedger, { campaignId: uuidv7() })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('sums the month’s payouts from the events', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const { months } = await bed.requests.request(getPayoutMonths, { from: month, to: month });

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
    expect((await bed.requests.request(getPayoutMonths, { to: '2000-01' })).months).toEqual([]);
    await expect(bed.requests.request(getPayoutMonths, { from: '2026-12', to: '2026-01' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('reports a ledger altered behind the store’s back as a broken chain', async () => {
    await alterEventBehindTheStore(bed.database.pool, bed.database.schema, {
      streamId: `payoutledger-${campaignId}`,
      type: 'PledgeChargeRecorded',
      path: ['amount', 'amount'],
      value: 100,
    });
    const firstCharge = (await ledgerEvents(`payoutledger-${campaignId}`)).find((event) => event.type === 'PledgeChargeRecorded');

    const answer = await bed.requests.request(getCampaignLedger, { campaignId });

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
