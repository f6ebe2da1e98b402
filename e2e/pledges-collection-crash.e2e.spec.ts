import { stripeClientFor } from '@elan/stripe-emulator';
import { waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import { eur, ON_TIME_MS, pageOnceItHolds, READ_MODEL_LAG_MS } from './support/campaigns';
import {
  confirmWithCard,
  inWaves,
  liveCampaign,
  pledgeBody,
  pledgeOnPatiently,
  stripeBooks,
  type PlacedPledge,
} from './support/pledges';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';

/**
 * 500 in the chaos profile (`npm run test:chaos`, on demand), fewer in every run of `npm test`:
 * the same faults and the same crash, on a number of pledges CI places in seconds.
 */
const PLEDGES = Number(process.env.CHAOS_PLEDGES ?? 100);
/** Room to place and save every card before the deadline on a busy 2-core machine. */
const LASTS_MS = 20_000 + PLEDGES * 200;

/**
 * Collection under faults, every process real: an all-or-nothing campaign with saved cards
 * succeeds; Stripe answers 500s and loses responses to the first charges, and the pledge service
 * is killed (SIGKILL) in the middle of collecting and started again. Each pledge is charged exactly
 * once — the same idempotency key on every retry — and the books balance.
 */
describe(`collecting ${PLEDGES} pledges through faults and a crash`, () => {
  let stack: Stack;
  let api: Api;
  let backer: Account;
  let campaignId: string;
  let placed: PlacedPledge[];

  const stripe = () => stack.payments;
  /** Succeeded charges by pledge, as Stripe holds them. */
  const chargesByPledge = async (): Promise<Map<string, number[]>> => {
    const intents = await stripeClientFor(stripe()).paymentIntents.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
    const byPledge = new Map<string, number[]>();
    for (const intent of intents.filter((i) => i.status === 'succeeded')) {
      const pledgeId = intent.metadata.elan_pledge_id ?? '';
      byPledge.set(pledgeId, [...(byPledge.get(pledgeId) ?? []), intent.amount]);
    }
    return byPledge;
  };

  beforeAll(async () => {
    let holder: Account;
    let moderator: Account;
    ({
      stack,
      api,
      accounts: { holder, backer, moderator },
    } = await startStack(
      'pledges_crash',
      { members: ['holder', 'backer'], moderators: ['moderator'] },
      { payments: true, env: { PLEDGE_TALLY_GRACE_MS: '500', STRIPE_TIMEOUT_MS: '2000' } },
    ));
    ({ campaignId } = await liveCampaign(api, holder, moderator, {
      fundingModel: 'all_or_nothing',
      lastsMs: LASTS_MS,
      goal: 1_000,
    }));
    placed = await inWaves(Array.from({ length: PLEDGES }), 10, async () => {
      const pledge = await pledgeOnPatiently(api, campaignId, pledgeBody({ amount: eur(1_000), tip: eur(100) }), backer);
      await confirmWithCard(stripe(), pledge);
      return pledge;
    });
  }, LASTS_MS + 120_000);
  afterAll(() => stack?.stop());

  it('saves every card before the deadline, charging nothing', async () => {
    const page = await pageOnceItHolds(api, campaignId, (p) => p.backers === PLEDGES, `${PLEDGES} backers`);
    expect(page.status).toBe('live');
    expect(page.committed).toEqual(eur(PLEDGES * 1_000));
    expect((await stripeBooks(stripe())).captured).toBe(0);
  });

  it(
    'charges each pledge exactly once though Stripe fails, loses answers, and the pledge service is killed',
    async () => {
      // The first charges of the collection meet Stripe errors and answers lost after the charge.
      await stripe().control.failNext({ path: '/v1/payment_intents', method: 'POST', kind: 'http-500', times: 3 });
      await stripe().control.failNext({
        path: '/v1/payment_intents',
        method: 'POST',
        kind: 'connection-reset',
        afterProcessing: true,
        times: 3,
      });
      await pageOnceItHolds(
        api,
        campaignId,
        (p) => p.status === 'succeeded',
        'the campaign succeeded',
        undefined,
        LASTS_MS + 2 * ON_TIME_MS + READ_MODEL_LAG_MS,
      );

      await waitUntil(async () => (await chargesByPledge()).size >= PLEDGES / 10, {
        timeoutMs: 60_000,
        intervalMs: 100,
        description: 'collection under way',
      });
      await stack.killPledgeService();
      const chargedAtTheCrash = (await chargesByPledge()).size;
      expect(chargedAtTheCrash).toBeLessThan(PLEDGES);
      await stack.startPledgeService();

      const charges = await waitUntil(
        async () => {
          const current = await chargesByPledge();
          return current.size === PLEDGES ? current : undefined;
        },
        { timeoutMs: 60_000 + PLEDGES * 240, intervalMs: 500, description: `all ${PLEDGES} pledges charged` },
      );
      for (const pledge of placed) expect(charges.get(pledge.pledge.pledgeId)).toEqual([1_100]);
      await pageOnceItHolds(
        api,
        campaignId,
        (p) => p.raised.amount === PLEDGES * 1_000,
        'the page counts it all raised',
        undefined,
        60_000,
      );
    },
    240_000 + PLEDGES * 500,
  );

  it('balances to the cent: Stripe kept the pledges and their tips, once each', async () => {
    const books = await stripeBooks(stripe());
    expect(books.problems).toEqual([]);
    expect(books.captured - books.refunded).toBe(PLEDGES * 1_100);
  });
});
