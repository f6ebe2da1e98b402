import { stripeClientFor } from '@elan/stripe-emulator';
import { expectProblem, waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import { eur, ON_TIME_MS, pageOf, pageOnceItHolds, READ_MODEL_LAG_MS } from './support/campaigns';
import {
  confirmWithCard,
  liveCampaign,
  pledgeBody,
  pledgeOn,
  pledgeOnceIn,
  stripeBooks,
  type PlacedPledge,
} from './support/pledges';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';

/** Long enough to pledge and confirm a few cards on a busy machine, short enough to close during the test. */
const LASTS_MS = 15_000;
/** Room for the contributor of a declined pledge to save a new card during the test. */
const RETRY_WINDOW_MS = 8_000;
/** The deadline, then the tally's grace period, the outcome and the read models. */
const CLOSES_WITHIN_MS = LASTS_MS + 2 * ON_TIME_MS + READ_MODEL_LAG_MS;

/**
 * All-or-nothing with every process real: cards are saved (SetupIntents) and nothing is charged
 * before the deadline; at success every committed pledge is collected exactly once off-session, a
 * declined collection opens the retry window (2 s under the test rules) in which a new card
 * collects it, and one never updated is dropped; at failure nothing is charged. Ends with the books.
 */
describe('backing an all-or-nothing campaign', () => {
  let stack: Stack;
  let api: Api;
  let backer: Account;
  let other: Account;
  const plan = { succeeds: '', fails: '' };
  const placed = new Map<string, PlacedPledge>();

  const stripe = () => {
    if (!stack.stripe) throw new Error('the stack runs without the Stripe emulator');
    return stack.stripe;
  };
  /** The charges Stripe made for a pledge, whatever their intent. */
  const chargesOf = async (pledgeId: string) => {
    const { data } = await stripeClientFor(stripe()).paymentIntents.list({ limit: 100 });
    return data.filter((intent) => intent.metadata.elan_pledge_id === pledgeId && intent.status === 'succeeded');
  };
  const committed = async (name: string, campaignId: string, body: object, contributor?: Account, card = 'pm_card_visa') => {
    const pledge = await pledgeOn(api, campaignId, body, contributor);
    expect(pledge.payment.kind).toBe('card_setup');
    expect(await confirmWithCard(stripe(), pledge, card)).toBe('succeeded');
    placed.set(name, pledge);
    return pledge;
  };
  const viewerOf = (name: string, account?: Account) => account ?? { guestToken: placed.get(name)?.guestToken ?? '' };

  beforeAll(async () => {
    let holder: Account;
    let moderator: Account;
    ({
      stack,
      api,
      accounts: { holder, backer, other, moderator },
    } = await startStack(
      'pledges_aon',
      { members: ['holder', 'backer', 'other'], moderators: ['moderator'] },
      { payments: true, env: { PLEDGE_TALLY_GRACE_MS: '300', PLEDGE_RETRY_WINDOW_MS: String(RETRY_WINDOW_MS) } },
    ));
    const [succeeds, fails] = await Promise.all([
      liveCampaign(api, holder, moderator, { fundingModel: 'all_or_nothing', lastsMs: LASTS_MS, goal: 5_000 }),
      liveCampaign(api, holder, moderator, { fundingModel: 'all_or_nothing', lastsMs: LASTS_MS, goal: 100_000 }),
    ]);
    plan.succeeds = succeeds.campaignId;
    plan.fails = fails.campaignId;
    await Promise.all([
      committed('paid', plan.succeeds, pledgeBody(), backer),
      committed(
        'declined',
        plan.succeeds,
        pledgeBody({ amount: eur(2_000), tip: eur(0), name: 'Invité', email: 'invite@example.org' }),
        undefined,
        'pm_card_chargeCustomerFail',
      ),
      committed('dropped', plan.succeeds, pledgeBody({ amount: eur(1_000), tip: eur(100) }), other, 'pm_card_chargeCustomerFail'),
      committed('cancelled', plan.succeeds, pledgeBody({ amount: eur(1_000), tip: eur(100) }), other),
      committed('released', plan.fails, pledgeBody(), backer),
    ]);
  });
  afterAll(() => stack?.stop());

  it('commits saved cards without charging anything before the deadline, and counts them on the page', async () => {
    for (const [name, account] of [
      ['paid', backer],
      ['declined', undefined],
      ['dropped', other],
      ['cancelled', other],
    ] as const)
      await pledgeOnceIn(api, placed.get(name)?.pledge.pledgeId ?? '', viewerOf(name, account), 'committed');
    const page = await pageOnceItHolds(api, plan.succeeds, (p) => p.backers === 4, 'the page counts four pledges');
    expect(page).toMatchObject({ committed: eur(7_000), raised: eur(0) });
    expect((await stripeBooks(stripe())).captured).toBe(0);
  });

  it('lets a contributor change or cancel a saved pledge before the deadline', async () => {
    const cancelled = placed.get('cancelled')?.pledge.pledgeId ?? '';
    const changed = await api
      .patch(`/api/pledges/${cancelled}`, other)
      .send({ amount: eur(1_200) })
      .expect(200);
    expect(changed.body).toMatchObject({ amount: eur(1_200), status: 'committed' });
    expectProblem(await api.patch(`/api/pledges/${cancelled}`, other).send({ amount: eur(50) }), 400, 'validation-failed');
    await api.post(`/api/pledges/${cancelled}/cancel`, other).expect(200);
    await pageOnceItHolds(api, plan.succeeds, (p) => p.backers === 3 && p.committed.amount === 6_000, 'the page drops it');
  });

  it('succeeds at its deadline on the pledges committed in time', async () => {
    const page = await pageOnceItHolds(
      api,
      plan.succeeds,
      (p) => p.status === 'succeeded',
      'the campaign succeeded',
      undefined,
      CLOSES_WITHIN_MS,
    );
    expect(page.committed).toEqual(eur(6_000));
  });

  it('opens the retry window on a declined collection, and a new card collects the pledge', async () => {
    const declined = placed.get('declined');
    const guest = { guestToken: declined?.guestToken ?? '' };
    const pledge = await pledgeOnceIn(api, declined?.pledge.pledgeId ?? '', guest, 'collection_declined');
    expect(Date.parse(pledge.retryUntil ?? '')).toBeGreaterThan(Date.now());

    const response = await api.post(`/api/pledges/${pledge.pledgeId}/card`).set('X-Guest-Token', guest.guestToken).expect(200);
    expect(response.body.payment).toMatchObject({ kind: 'card_setup', intentId: expect.stringMatching(/^seti_/) });
    const setup = await stripeClientFor(stripe()).setupIntents.confirm(response.body.payment.intentId, {
      payment_method: 'pm_card_visa',
    });
    expect(setup.status).toBe('succeeded');

    await pledgeOnceIn(api, pledge.pledgeId, guest, 'collected');
    expect((await chargesOf(pledge.pledgeId)).map((intent) => intent.amount)).toEqual([2_000]);
  });

  it('collects each committed pledge exactly once', async () => {
    const paid = placed.get('paid')?.pledge.pledgeId ?? '';
    await pledgeOnceIn(api, paid, backer, 'collected');
    const charges = await chargesOf(paid);
    expect(charges.map((intent) => intent.amount)).toEqual([3_300]);
    expect(await chargesOf(placed.get('cancelled')?.pledge.pledgeId ?? '')).toEqual([]);
    const page = await pageOnceItHolds(
      api,
      plan.succeeds,
      (p) => p.raised.amount === 3_000 + 2_000,
      'the page counts both collections',
    );
    expect(page.committed).toEqual(eur(6_000));
  });

  it('drops a pledge whose card was never updated once the window closed, without charging it', async () => {
    const dropped = placed.get('dropped')?.pledge.pledgeId ?? '';
    await pledgeOnceIn(api, dropped, other, 'dropped', READ_MODEL_LAG_MS + RETRY_WINDOW_MS);
    expect(await chargesOf(dropped)).toEqual([]);
  });

  it('fails below its goal, releases every saved card and charges nothing', async () => {
    await pageOnceItHolds(api, plan.fails, (p) => p.status === 'failed', 'the campaign failed', undefined, CLOSES_WITHIN_MS);
    const released = placed.get('released')?.pledge.pledgeId ?? '';
    await pledgeOnceIn(api, released, backer, 'released');
    expect(await chargesOf(released)).toEqual([]);
    expect((await pageOf(api, plan.fails)).committed).toEqual(eur(3_000));
  });

  it('balances to the cent: Stripe kept exactly the collected pledges and their tips', async () => {
    const books = await waitUntil(
      async () => {
        const current = await stripeBooks(stripe());
        return current.captured - current.refunded === 3_300 + 2_000 ? current : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 200, description: 'Stripe keeps 53 €' },
    );
    expect(books.problems).toEqual([]);
  });
});
