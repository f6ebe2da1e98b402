import { Client } from 'pg';
import { expectProblem, uniqueIdempotencyKey, waitUntil } from '@elan/testing';
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

interface Money {
  readonly amount: number;
  readonly currency: string;
}
interface Report {
  readonly run: {
    readonly runId: string;
    readonly ok: boolean;
    readonly checked: Record<string, number>;
    readonly totals: Record<string, number | string>[];
    readonly campaigns: (Record<string, number | string> & { campaignId: string })[];
  } | null;
  readonly mismatches: {
    readonly kind: string;
    readonly key: string;
    readonly campaignId: string | null;
    readonly paymentIntentId: string | null;
    readonly streams: string[];
    readonly stripeObjects: string[];
    readonly expected: Money | null;
    readonly actual: Money | null;
    readonly detail: string;
    readonly firstSeenAt: string;
    readonly lastSeenAt: string;
  }[];
}
interface CampaignPayouts {
  readonly balance: { collected: { count: number }; refunded: { count: number }; netDue: { amount: number } };
  readonly statements: { status: string }[];
}

const AON_LASTS_MS = 15_000;
const RETRY_WINDOW_MS = 4_000;
const CLOSES_WITHIN_MS = AON_LASTS_MS + 2 * ON_TIME_MS + READ_MODEL_LAG_MS;
/** Webhooks, the outbox relays and the statement worker: seconds at most. */
const PAYOUT_DEADLINE_MS = 30_000;
/** The emulator's fee on a European card: 1.5 % (half up) + €0.25. */
const feeOn = (amount: number) => Math.floor((amount * 150 + 5_000) / 10_000) + 25;

/**
 * The reconciliation with every process real (ADR 0028): three campaigns through the public API —
 * an all-or-nothing success with a declined collection, an all-or-nothing failure, a keep-it-all
 * campaign with a pledge refunded and a tip refunded alone — paid out by Connect transfers; the
 * payout service then proves the books to the cent from the pledge and tipping services' accounts,
 * its own ledgers and statements, the tipping ledger, the hash chains and Stripe's lists. One
 * amount altered at Stripe (the emulator's control API) is exactly one mismatch; restored, it is
 * resolved.
 */
describe('the reconciliation', () => {
  let stack: Stack;
  let api: Api;
  let admin: Account;
  let holder: Account;
  let backer: Account;
  let other: Account;
  let moderator: Account;

  beforeAll(async () => {
    ({
      stack,
      api,
      admin,
      accounts: { holder, backer, other, moderator },
    } = await startStack(
      'reconciliation',
      { members: ['holder', 'backer', 'other'], moderators: ['moderator'] },
      {
        payments: true,
        env: {
          PLEDGE_TALLY_GRACE_MS: '300',
          PLEDGE_RETRY_WINDOW_MS: String(RETRY_WINDOW_MS),
          PAYOUT_WORKER_INTERVAL_MS: '200',
          PAYOUT_ACCOUNT_RECHECK_MS: '200',
          PAYOUT_TRANSFER_RETRY_MS: '500',
          // The worker runs once at start; the test runs the reconciliation itself.
          RECONCILIATION_INTERVAL_MS: '3600000',
        },
      },
    ));
    // Six processes and a stack of its own: on a busy machine their start outlasts the default minute.
  }, 180_000);
  afterAll(() => stack?.stop());

  const stripe = () => stack.payments;
  const run = async (): Promise<Report> => {
    const response = await api.post('/api/admin/reconciliation/runs', admin, {
      idempotencyKey: uniqueIdempotencyKey('reconcile'),
    });
    expect(response.status).toBe(200);
    return response.body as Report;
  };
  const payoutsOnce = (campaignId: string, holds: (p: CampaignPayouts) => boolean, description: string) =>
    waitUntil(
      async () => {
        const response = await api.get(`/api/campaigns/${campaignId}/payouts`, holder);
        const current = response.status === 200 ? (response.body as CampaignPayouts) : undefined;
        return current && holds(current) ? current : undefined;
      },
      { timeoutMs: PAYOUT_DEADLINE_MS, intervalMs: 200, description },
    );
  const paid = async (campaignId: string, contributor: Account, amount: number, tip: number): Promise<PlacedPledge> => {
    const placed = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(amount), tip: eur(tip) }), contributor);
    expect(await confirmWithCard(stripe(), placed)).toBe('succeeded');
    await pledgeOnceIn(api, placed.pledge.pledgeId, contributor, 'committed');
    return placed;
  };
  const saved = async (campaignId: string, contributor: Account, amount: number, tip: number, card = 'pm_card_visa') => {
    const placed = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(amount), tip: eur(tip) }), contributor);
    expect(await confirmWithCard(stripe(), placed, card)).toBe('succeeded');
    await pledgeOnceIn(api, placed.pledge.pledgeId, contributor, 'committed');
    return placed;
  };

  let success = '';
  let failure = '';
  let keepItAll = '';
  let kept: PlacedPledge;

  it('pays out three campaigns through the public API', async () => {
    await api.post('/api/me/payout-account', holder).expect(201);
    const account = Object.values((await stripe().control.state()).accounts).find(
      (a) => a.metadata?.['elan_holder_id'] === holder.id,
    );
    await stripe().control.setAccountVerification(account?.id ?? '', 'verified');

    // Both all-or-nothing campaigns run side by side: one reaches its goal, one does not.
    [{ campaignId: success }, { campaignId: failure }] = await Promise.all([
      liveCampaign(api, holder, moderator, { fundingModel: 'all_or_nothing', lastsMs: AON_LASTS_MS, goal: 5_000 }),
      liveCampaign(api, holder, moderator, { fundingModel: 'all_or_nothing', lastsMs: AON_LASTS_MS, goal: 100_000 }),
    ]);
    const collected = await saved(success, backer, 4_000, 400);
    const declined = await saved(success, other, 2_000, 0, 'pm_card_chargeCustomerFail');
    const released = await saved(failure, backer, 1_000, 100);

    // Keep-it-all: three payments, one pledge refunded (its tip with it), one tip refunded alone.
    ({ campaignId: keepItAll } = await liveCampaign(api, holder, moderator, { fundingModel: 'keep_it_all', lastsMs: 600_000 }));
    kept = await paid(keepItAll, backer, 3_000, 300);
    const tipRefunded = await paid(keepItAll, other, 2_500, 250);
    const cancelled = await paid(keepItAll, backer, 1_000, 100);
    await api.post(`/api/pledges/${cancelled.pledge.pledgeId}/cancel`, backer).expect(200);
    await api
      .post(`/api/pledges/${tipRefunded.pledge.pledgeId}/tip/refund`, other, { idempotencyKey: uniqueIdempotencyKey('tip') })
      .expect(200);
    await payoutsOnce(keepItAll, (p) => p.balance.netDue.amount === 5_500, 'the keep-it-all ledger holds the refund');
    await api.post(`/api/campaigns/${keepItAll}/payouts`, holder, { idempotencyKey: uniqueIdempotencyKey('payout') }).expect(201);

    await pageOnceItHolds(api, success, (p) => p.status === 'succeeded', 'the campaign succeeded', undefined, CLOSES_WITHIN_MS);
    await pageOnceItHolds(api, failure, (p) => p.status === 'failed', 'the campaign failed', undefined, CLOSES_WITHIN_MS);
    await pledgeOnceIn(api, collected.pledge.pledgeId, backer, 'collected');
    await pledgeOnceIn(api, declined.pledge.pledgeId, other, 'dropped', READ_MODEL_LAG_MS + RETRY_WINDOW_MS);
    expect((await api.get(`/api/pledges/${released.pledge.pledgeId}`, backer).expect(200)).body.status).not.toBe('collected');
    await payoutsOnce(success, (p) => p.statements[0]?.status === 'paid', 'the all-or-nothing statement is paid');
    await payoutsOnce(keepItAll, (p) => p.statements[0]?.status === 'paid', 'the keep-it-all statement is paid');
    // The tip refunded alone has reached Stripe: 250 + the cancelled pledge's 1 000 + 100.
    await waitUntil(
      async () => {
        const books = await stripeBooks(stripe());
        return books.refunded === 1_350 ? books : undefined;
      },
      { timeoutMs: PAYOUT_DEADLINE_MS, intervalMs: 200, description: 'every refund reached Stripe' },
    );
  }, 240_000);

  it('proves the books to the cent: no mismatch, and the figures', async () => {
    // The services' read models (the tipping ledger among them) follow their events within a moment.
    let report = await run();
    await waitUntil(
      async () => {
        if (report.mismatches.length > 0) report = await run();
        return report.mismatches.length === 0 ? report : undefined;
      },
      { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 500, description: 'a run finds no mismatch' },
    ).catch(() => undefined);
    expect(report.mismatches).toEqual([]);
    expect(report.run).toMatchObject({
      ok: true,
      checked: { campaigns: 3, pledges: 4, tips: 4, statements: 2, transfers: 2 },
      totals: [
        {
          currency: 'EUR',
          pledgesCollected: 4_000 + 3_000 + 2_500 + 1_000,
          pledgesRefunded: 1_000,
          tipsCollected: 400 + 300 + 250 + 100,
          tipsRefunded: 250 + 100,
          transferred: 4_000 + 5_500,
          awaitingTransfer: 0,
          stillDue: 0,
          outstandingAdvances: 0,
          feesBorne: feeOn(4_400) + feeOn(3_300) + feeOn(2_750) + feeOn(1_100),
        },
      ],
    });
    expect(report.run?.checked['eventsVerified']).toBeGreaterThan(0);
    const figures = Object.fromEntries((report.run?.campaigns ?? []).map((c) => [c.campaignId, c]));
    expect(figures[success]).toMatchObject({ collected: 4_000, refunded: 0, transferred: 4_000, feesBorne: feeOn(4_400) });
    expect(figures[failure]).toMatchObject({ collected: 0, refunded: 0, transferred: 0, stillDue: 0, feesBorne: 0 });
    expect(figures[keepItAll]).toMatchObject({ collected: 6_500, refunded: 1_000, transferred: 5_500 });
    // The platform's fees are Stripe's own figures, to the cent.
    const charges = Object.values((await stripe().control.state()).balanceTransactions).filter((t) => t.type === 'charge');
    expect(charges.reduce((sum, t) => sum + t.fee, 0)).toBe(report.run?.totals[0]?.['feesBorne']);
    // The report is also what GET answers afterwards.
    expect((await api.get('/api/admin/reconciliation', admin).expect(200)).body).toEqual(report);
  }, 120_000);

  it('reports one amount altered at Stripe as exactly that mismatch, and resolves it once restored', async () => {
    const paymentIntentId = kept.payment.intentId;
    await stripe().control.alterAmounts(paymentIntentId, { amount_received: 3_299 });
    const altered = await run();
    expect(altered.run?.ok).toBe(false);
    expect(altered.mismatches).toEqual([
      expect.objectContaining({
        kind: 'payment_amount',
        key: `payment_amount:${paymentIntentId}`,
        campaignId: keepItAll,
        paymentIntentId,
        stripeObjects: [paymentIntentId],
        expected: eur(3_300),
        actual: eur(3_299),
      }),
    ]);
    expect(altered.mismatches[0]?.streams).toContain(`pledge-${kept.pledge.pledgeId}`);
    const seen = altered.mismatches[0];
    // Seen again by the next run: the same mismatch, still open since it was first seen.
    const again = await run();
    expect(again.mismatches).toEqual([{ ...seen, lastSeenAt: expect.any(String) }]);

    await stripe().control.alterAmounts(paymentIntentId, { amount_received: 3_300 });
    const restored = await run();
    expect(restored.run?.ok).toBe(true);
    expect(restored.mismatches).toEqual([]);
  }, 120_000);

  it('runs one at a time: two runs asked at once are run one after the other', async () => {
    const [first, second] = await Promise.all([run(), run()]);
    expect([first.run?.ok, second.run?.ok]).toEqual([true, true]);
    const db = new Client({ connectionString: stack.environment['DATABASE_URL'] });
    await db.connect();
    try {
      const { rows } = await db.query<{ started_at: Date; finished_at: Date }>(
        `SELECT started_at, finished_at FROM ${stack.environment['PAYOUT_SCHEMA']}.reconciliation_runs ORDER BY started_at`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      // The advisory lock: no run starts before the one before it has finished.
      for (const [index, row] of rows.entries()) {
        const previous = rows[index - 1];
        if (previous) expect(row.started_at.getTime()).toBeGreaterThanOrEqual(previous.finished_at.getTime());
      }
    } finally {
      await db.end();
    }
  }, 120_000);

  it('is for admins only', async () => {
    expectProblem(await api.get('/api/admin/reconciliation', holder), 403, 'forbidden');
    expectProblem(await api.post('/api/admin/reconciliation/runs', holder), 403, 'forbidden');
    expectProblem(await api.get('/api/admin/reconciliation'), 401, 'unauthenticated');
  });

  it('ends with the books balancing to the cent', async () => {
    const books = await stripeBooks(stripe());
    expect(books.problems).toEqual([]);
    // Standing pledges and tips: 4 400 collected (all-or-nothing), 3 300 + 2 500 kept (keep-it-all).
    expect(books.captured - books.refunded).toBe(4_400 + 3_300 + 2_500);
    expect(await stripeTransferred(stripe())).toBe(4_000 + 5_500);
  });
});
