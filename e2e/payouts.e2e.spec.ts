import { expectProblem, waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import { eur, ON_TIME_MS, pageOnceItHolds, READ_MODEL_LAG_MS } from './support/campaigns';
import {
  confirmWithCard,
  liveCampaign,
  pledgeBody,
  pledgeOn,
  pledgeOnceIn,
  stripeBooks,
  stripeTransferred,
  type PlacedPledge,
} from './support/pledges';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';

interface Tally {
  readonly count: number;
  readonly amount: { amount: number; currency: string };
}
interface Statement {
  readonly statementId: string;
  readonly campaignId: string;
  readonly sequence: number;
  readonly trigger: string;
  readonly status: string;
  readonly lines: {
    readonly pledgesCollected: Tally;
    readonly pledgesRefunded: Tally;
    readonly refundsAlreadyNetted: Tally;
    readonly previouslyStated: Tally;
    readonly netDue: { amount: number; currency: string };
    readonly processingFeesBorneByPlatform: { amount: number; currency: string } | null;
    readonly tips: string;
  };
  readonly transfer: { transferGroup: string; transferId: string | null; lastFailure: unknown };
  readonly waitingFor: { reason: string; requirements: string[] } | null;
  readonly covers: { streamId: string; position: number; hash: string };
}
interface CampaignPayouts {
  readonly balance: {
    collected: Tally;
    refunded: Tally;
    stated: Tally;
    netDue: { amount: number };
    outstandingAdvance: { amount: number };
    nextStatement: string;
  };
  readonly statements: Statement[];
}

const AON_LASTS_MS = 15_000;
const RETRY_WINDOW_MS = 4_000;
const CLOSES_WITHIN_MS = AON_LASTS_MS + 2 * ON_TIME_MS + READ_MODEL_LAG_MS;
/** Webhooks, the outbox relays and the statement worker: seconds at most. */
const PAYOUT_DEADLINE_MS = 30_000;

/**
 * Statements and transfers with every process real: the gateway, the campaign, pledge, tipping
 * and payout services, the Stripe emulator delivering signed webhooks, NATS with each service's
 * user, PostgreSQL. Holders start and verify their payout accounts as in payout-accounts.e2e;
 * contributors pay with test cards; the payout service learns the campaigns' money from the
 * integration events and pays each statement by a Connect transfer in the campaign's group. Each
 * test ends with the books balancing to the cent.
 */
describe('statements and transfers', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let late: Account;
  let backer: Account;
  let other: Account;
  let moderator: Account;
  let admin: Account;

  beforeAll(async () => {
    ({
      stack,
      api,
      admin,
      accounts: { holder, late, backer, other, moderator },
    } = await startStack(
      'payouts_statements',
      { members: ['holder', 'late', 'backer', 'other'], moderators: ['moderator'] },
      {
        payments: true,
        env: {
          PLEDGE_TALLY_GRACE_MS: '300',
          PLEDGE_RETRY_WINDOW_MS: String(RETRY_WINDOW_MS),
          PAYOUT_WORKER_INTERVAL_MS: '200',
          // An hour: a waiting statement is paid because account.updated wakes it, not because the timer ran.
          PAYOUT_ACCOUNT_RECHECK_MS: '3600000',
          PAYOUT_TRANSFER_RETRY_MS: '500',
        },
      },
    ));
  });
  afterAll(() => stack?.stop());

  const stripe = () => stack.payments;
  const stripeAccountOf = async (account: Account): Promise<string> => {
    const found = Object.values((await stripe().control.state()).accounts).find(
      (a) => a.metadata?.['elan_holder_id'] === account.id,
    );
    if (!found) throw new Error(`no Stripe account for ${account.email}`);
    return found.id;
  };
  const verify = async (account: Account) => {
    await stripe().control.setAccountVerification(await stripeAccountOf(account), 'verified');
    await waitUntil(
      async () => {
        const view = (await api.get('/api/me/payout-account', account).expect(200)).body as { canReceiveTransfers: boolean };
        return view.canReceiveTransfers ? true : undefined;
      },
      { timeoutMs: PAYOUT_DEADLINE_MS, intervalMs: 100, description: `${account.email}’s payout account is verified` },
    );
  };
  const paid = async (campaignId: string, contributor: Account, amount: number, tip: number): Promise<PlacedPledge> => {
    const placed = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(amount), tip: eur(tip) }), contributor);
    expect(await confirmWithCard(stripe(), placed)).toBe('succeeded');
    await pledgeOnceIn(api, placed.pledge.pledgeId, contributor, 'committed');
    return placed;
  };
  const payouts = async (campaignId: string, account: Account = holder): Promise<CampaignPayouts> =>
    (await api.get(`/api/campaigns/${campaignId}/payouts`, account).expect(200)).body as CampaignPayouts;
  const payoutsOnce = (campaignId: string, holds: (p: CampaignPayouts) => boolean, description: string, account = holder) =>
    waitUntil(
      async () => {
        const response = await api.get(`/api/campaigns/${campaignId}/payouts`, account);
        const current = response.status === 200 ? (response.body as CampaignPayouts) : undefined;
        return current && holds(current) ? current : undefined;
      },
      { timeoutMs: PAYOUT_DEADLINE_MS, intervalMs: 200, description },
    );
  const transfersOf = async (campaignId: string) =>
    Object.values((await stripe().control.state()).transfers).filter((t) => t.transfer_group === `campaign-${campaignId}`);

  /**
   * The books, to the cent: what Stripe charged less its refunds is the standing pledges and
   * their tips; the pledges collected less their refunds are what was transferred plus what is
   * still due; and the emulator's own books balance (a balance transaction for every move).
   */
  const expectBooksBalance = async (expected: { pledgesAndTips: number }, campaigns: readonly string[]) => {
    const books = await waitUntil(
      async () => {
        const current = await stripeBooks(stripe());
        return current.captured - current.refunded === expected.pledgesAndTips ? current : undefined;
      },
      { timeoutMs: PAYOUT_DEADLINE_MS, intervalMs: 200, description: 'every refund reached Stripe' },
    );
    expect(books.problems).toEqual([]);
    let transferred = 0;
    for (const campaignId of campaigns) {
      const { balance, statements } = await payouts(campaignId, campaignId === lateCampaign ? late : holder);
      const transfers = (await transfersOf(campaignId)).reduce((sum, t) => sum + t.amount - t.amount_reversed, 0);
      const stillDue =
        balance.netDue.amount +
        statements.filter((st) => st.status !== 'paid').reduce((sum, st) => sum + st.lines.netDue.amount, 0);
      // Pledges collected − pledge refunds = transferred + still due, per campaign.
      expect(balance.collected.amount.amount - balance.refunded.amount.amount).toBe(transfers + stillDue);
      transferred += transfers;
    }
    expect(await stripeTransferred(stripe())).toBe(transferred);
  };

  let kiaCampaign = '';
  let lateCampaign = '';
  const done: string[] = [];
  let pledgesAndTips = 0;

  it('(a) pays a keep-it-all holder’s request: collected − refunded, in one transfer of the campaign’s group', async () => {
    await api.post('/api/me/payout-account', holder).expect(201);
    await verify(holder);
    ({ campaignId: kiaCampaign } = await liveCampaign(api, holder, moderator, { fundingModel: 'keep_it_all', lastsMs: 600_000 }));
    await paid(kiaCampaign, backer, 3_000, 300);
    await paid(kiaCampaign, other, 2_500, 0);
    const refunded = await paid(kiaCampaign, backer, 1_000, 100);
    await api.post(`/api/pledges/${refunded.pledge.pledgeId}/cancel`, backer).expect(200);
    pledgesAndTips += 3_300 + 2_500;

    await payoutsOnce(
      kiaCampaign,
      (p) => p.balance.collected.count === 3 && p.balance.refunded.count === 1,
      'the refund is on the ledger',
    );
    expectProblem(await api.get(`/api/campaigns/${kiaCampaign}/payouts`, other), 403, 'forbidden');

    const response = await api.post(`/api/campaigns/${kiaCampaign}/payouts`, holder, { idempotencyKey: `payout-${kiaCampaign}` });
    expect(response.status).toBe(201);
    const statement = response.body as Statement;
    expect(statement).toMatchObject({
      campaignId: kiaCampaign,
      sequence: 1,
      trigger: 'holder_request',
      lines: {
        pledgesCollected: { count: 3, amount: eur(6_500) },
        pledgesRefunded: { count: 1, amount: eur(1_000) },
        refundsAlreadyNetted: { count: 0, amount: eur(0) },
        previouslyStated: { count: 0, amount: eur(0) },
        netDue: eur(5_500),
        tips: 'excluded',
      },
      transfer: { transferGroup: `campaign-${kiaCampaign}` },
      covers: { streamId: `payoutledger-${kiaCampaign}`, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expectProblem(
      await api.post(`/api/campaigns/${kiaCampaign}/payouts`, holder, { idempotencyKey: `payout-${kiaCampaign}-again` }),
      409,
      'illegal_state',
    );

    const after = await payoutsOnce(kiaCampaign, (p) => p.statements[0]?.status === 'paid', 'the statement is paid');
    const transfers = await transfersOf(kiaCampaign);
    expect(transfers.map((t) => [t.amount, t.currency, t.destination])).toEqual([[5_500, 'eur', await stripeAccountOf(holder)]]);
    expect(after.statements[0]?.transfer.transferId).toBe(transfers[0]?.id);
    expect(after.statements[0]?.lines.processingFeesBorneByPlatform?.amount).toBeGreaterThan(0);

    const csv = await api.get(`/api/campaigns/${kiaCampaign}/payouts`, holder).set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[1]).toContain(',55.00,');
    const page = await api.get(`/api/campaigns/${kiaCampaign}/payouts?format=html`, holder).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('55.00 EUR');
    const mine = (await api.get('/api/me/payouts', holder).expect(200)).body as { statements: Statement[] };
    expect(mine.statements.map((s) => s.statementId)).toContain(statement.statementId);

    done.push(kiaCampaign);
    await expectBooksBalance({ pledgesAndTips }, done);
  });

  it('(b) draws an all-or-nothing statement when the collection closes, a declined pledge dropped, and transfers it', async () => {
    const { campaignId } = await liveCampaign(api, holder, moderator, {
      fundingModel: 'all_or_nothing',
      lastsMs: AON_LASTS_MS,
      goal: 5_000,
    });
    const setup = async (contributor: Account, amount: number, tip: number, card: string) => {
      const placed = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(amount), tip: eur(tip) }), contributor);
      expect(await confirmWithCard(stripe(), placed, card)).toBe('succeeded');
      await pledgeOnceIn(api, placed.pledge.pledgeId, contributor, 'committed');
      return placed;
    };
    const collected = await setup(backer, 4_000, 400, 'pm_card_visa');
    const declined = await setup(other, 2_000, 0, 'pm_card_chargeCustomerFail');
    pledgesAndTips += 4_400;

    await pageOnceItHolds(
      api,
      campaignId,
      (p) => p.status === 'succeeded',
      'the campaign succeeded',
      undefined,
      CLOSES_WITHIN_MS,
    );
    await pledgeOnceIn(api, collected.pledge.pledgeId, backer, 'collected');
    await pledgeOnceIn(api, declined.pledge.pledgeId, other, 'dropped', READ_MODEL_LAG_MS + RETRY_WINDOW_MS);
    expectProblem(
      await api.post(`/api/campaigns/${campaignId}/payouts`, holder, { idempotencyKey: `payout-${campaignId}` }),
      409,
      'illegal_state',
    );

    const after = await payoutsOnce(campaignId, (p) => p.statements[0]?.status === 'paid', 'the statement is paid');
    expect(after.statements).toHaveLength(1);
    expect(after.statements[0]).toMatchObject({
      trigger: 'collection_closed',
      lines: {
        pledgesCollected: { count: 1, amount: eur(4_000) },
        pledgesRefunded: { count: 0, amount: eur(0) },
        netDue: eur(4_000),
      },
    });
    expect((await transfersOf(campaignId)).map((t) => t.amount)).toEqual([4_000]);

    done.push(campaignId);
    await expectBooksBalance({ pledgesAndTips }, done);
  });

  it('(c) keeps a statement waiting for an unverified account, says why, and pays it once the account is verified', async () => {
    await api.post('/api/me/payout-account', late).expect(201);
    ({ campaignId: lateCampaign } = await liveCampaign(api, late, moderator, { fundingModel: 'keep_it_all', lastsMs: 600_000 }));
    await paid(lateCampaign, backer, 2_000, 200);
    pledgesAndTips += 2_200;
    await payoutsOnce(lateCampaign, (p) => p.balance.netDue.amount === 2_000, 'the pledge is on the ledger', late);
    await api.post(`/api/campaigns/${lateCampaign}/payouts`, late, { idempotencyKey: `payout-${lateCampaign}` }).expect(201);

    const waiting = await payoutsOnce(lateCampaign, (p) => p.statements[0]?.status === 'awaiting_account', 'it waits', late);
    expect(waiting.statements[0]?.waitingFor?.reason).toMatch(/Stripe|payout account/);
    expect(waiting.statements[0]?.waitingFor?.requirements.length).toBeGreaterThan(0);
    expect(await transfersOf(lateCampaign)).toEqual([]);
    // Admins see it among the unpaid statements, with the same reason; nobody else does.
    const unpaid = (await api.get('/api/admin/payouts/unpaid?status=awaiting_account,transfer_failed', admin).expect(200))
      .body as { statements: Statement[]; total: number };
    expect(unpaid.statements.map((st) => [st.campaignId, st.status, st.waitingFor?.reason])).toEqual([
      [lateCampaign, 'awaiting_account', waiting.statements[0]?.waitingFor?.reason],
    ]);
    expect(unpaid.total).toBe(1);
    expectProblem(await api.get('/api/admin/payouts/unpaid', late), 403, 'forbidden');
    expectProblem(await api.get('/api/admin/payouts/unpaid?status=paid', admin), 400, 'validation-failed');
    done.push(lateCampaign);
    await expectBooksBalance({ pledgesAndTips }, done); // 2 000 still due, nothing transferred for it

    await verify(late);
    await payoutsOnce(lateCampaign, (p) => p.statements[0]?.status === 'paid', 'the statement is paid', late);
    expect((await transfersOf(lateCampaign)).map((t) => [t.amount, t.destination])).toEqual([
      [2_000, await stripeAccountOf(late)],
    ]);
    await expectBooksBalance({ pledgesAndTips }, done);
  });

  it('(d) advances a refund made after payout, and takes it back by transfer reversals once the campaign is cancelled (ADR 0027)', async () => {
    const { campaignId } = await liveCampaign(api, holder, moderator, { fundingModel: 'keep_it_all', lastsMs: 600_000 });
    const first = await paid(campaignId, backer, 3_000, 300);
    const second = await paid(campaignId, other, 2_000, 200);
    await payoutsOnce(campaignId, (p) => p.balance.netDue.amount === 5_000, 'both pledges are on the ledger');
    await api.post(`/api/campaigns/${campaignId}/payouts`, holder, { idempotencyKey: `payout-${campaignId}` }).expect(201);
    await payoutsOnce(campaignId, (p) => p.statements[0]?.status === 'paid', 'the statement is paid');

    // A contributor cancels after the payout: the platform refunds and advances the pledge.
    await api.post(`/api/pledges/${second.pledge.pledgeId}/cancel`, other).expect(200);
    const advanced = await payoutsOnce(
      campaignId,
      (p) => p.balance.outstandingAdvance.amount === 2_000,
      'the refund is advanced',
    );
    expect(advanced.balance.netDue.amount).toBe(0);
    expect((await transfersOf(campaignId)).map((t) => t.amount_reversed)).toEqual([0]); // the campaign runs: it may still be netted

    // The holder cancels the campaign: every pledge is refunded, and no statement can come any more.
    await api.post(`/api/campaigns/${campaignId}/cancel`, holder).send({ reason: 'Le local a brûlé.' }).expect(200);
    await pledgeOnceIn(api, first.pledge.pledgeId, backer, 'refunded');
    const settled = await payoutsOnce(
      campaignId,
      (p) => p.balance.refunded.count === 2 && p.balance.outstandingAdvance.amount === 0,
      'the advances are reversed',
    );
    expect(settled.balance).toMatchObject({
      collected: { amount: eur(5_000) },
      refunded: { amount: eur(5_000) },
      netDue: eur(0),
    });
    expect((await transfersOf(campaignId)).map((t) => [t.amount, t.amount_reversed])).toEqual([[5_000, 5_000]]);

    done.push(campaignId);
    await expectBooksBalance({ pledgesAndTips }, done);
  });

  it('refuses a caller without a token with a 401 problem', async () => {
    expectProblem(await api.get('/api/me/payouts'), 401, 'unauthenticated');
    expectProblem(await api.get(`/api/campaigns/${kiaCampaign}/payouts`), 401, 'unauthenticated');
  });
});
