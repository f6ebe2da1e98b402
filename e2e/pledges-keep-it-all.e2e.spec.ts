import { expectProblem, uniqueIdempotencyKey, waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import { eur, pageOnceItHolds } from './support/campaigns';
import {
  confirmWithCard,
  liveCampaign,
  pledgeBody,
  pledgeOf,
  pledgeOn,
  pledgeOnceIn,
  stripeBooks,
  type PlacedPledge,
} from './support/pledges';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';

/**
 * Backing a keep-it-all campaign with every process real: gateway, campaign, pledge and tipping
 * services, the Stripe emulator delivering signed webhooks, NATS and PostgreSQL. Each pledge is one
 * PaymentIntent for pledge + tip, confirmed with a test card as the page would; the pledge is
 * committed when Stripe's webhook says so. The file ends by checking that the money balances.
 */
describe('backing a keep-it-all campaign', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let backer: Account;
  let stranger: Account;
  let moderator: Account;
  let campaignId: string;
  /** What each pledge should have left at Stripe: pledge + tip when it stands, 0 once refunded. */
  const expectedAtStripe = new Map<string, number>();

  const stripe = () => stack.payments;
  const committedPledge = async (body: object, contributor?: Account): Promise<PlacedPledge> => {
    const placed = await pledgeOn(api, campaignId, body, contributor);
    expect(await confirmWithCard(stripe(), placed)).toBe('succeeded');
    return placed;
  };

  beforeAll(async () => {
    ({
      stack,
      api,
      accounts: { holder, backer, stranger, moderator },
    } = await startStack(
      'pledges_kia',
      { members: ['holder', 'backer', 'stranger'], moderators: ['moderator'] },
      { payments: true },
    ));
    ({ campaignId } = await liveCampaign(api, holder, moderator, { fundingModel: 'keep_it_all', lastsMs: 10 * 60_000 }));
  });
  afterAll(() => stack?.stop());

  it('commits a logged-in contributor’s pledge once Stripe confirms it, and the campaign page counts it', async () => {
    const placed = await committedPledge(pledgeBody({ message: 'Bravo pour le four !' }), backer);
    expect(placed).toMatchObject({
      total: eur(3_300),
      payment: { kind: 'payment', intentId: expect.stringMatching(/^pi_/), clientSecret: expect.stringMatching(/_secret_/) },
      pledge: { campaignId, status: 'awaiting_payment', amount: eur(3_000), tip: eur(300) },
    });
    expect(placed.guestToken).toBeUndefined();

    const pledge = await pledgeOnceIn(api, placed.pledge.pledgeId, backer, 'committed');
    expectedAtStripe.set(pledge.pledgeId, 3_300);
    expect(pledge).toMatchObject({
      contributor: { kind: 'account', email: backer.email, showName: true },
      message: 'Bravo pour le four !',
      committedAt: expect.any(String),
    });
    // The project gets 100 % of the pledge; the tip is never part of the campaign's totals.
    const page = await pageOnceItHolds(api, campaignId, (p) => p.backers === 1, 'the page counts the pledge');
    expect(page).toMatchObject({ committed: eur(3_000), raised: eur(3_000), percentOfGoal: 3 });
    const mine = await api.get('/api/me/pledges', backer).expect(200);
    expect(mine.body.items.map((item: { pledgeId: string }) => item.pledgeId)).toContain(pledge.pledgeId);
  });

  it('lets a guest pledge with a 0 tip and see the pledge through the private link’s token, and no one else', async () => {
    const placed = await committedPledge(pledgeBody({ tip: eur(0), name: 'Camille Dupré', email: 'camille@example.org' }));
    expect(placed.guestToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const guest = { guestToken: placed.guestToken ?? '' };

    const pledge = await pledgeOnceIn(api, placed.pledge.pledgeId, guest, 'committed');
    expectedAtStripe.set(pledge.pledgeId, 3_000);
    expect(pledge).toMatchObject({ tip: eur(0), contributor: { kind: 'guest', name: 'Camille Dupré' } });
    expectProblem(await api.get(`/api/pledges/${pledge.pledgeId}`).set('X-Guest-Token', 'x'.repeat(43)), 404, 'not_found');
    expectProblem(await api.get(`/api/pledges/${pledge.pledgeId}`, stranger), 404, 'not_found');
    // The holder sees the pledges of their campaign.
    expect(await pledgeOf(api, pledge.pledgeId, holder)).toMatchObject({ pledgeId: pledge.pledgeId });
    expectProblem(await api.get(`/api/pledges/${pledge.pledgeId}`), 401, 'unauthenticated');
  });

  it('answers the same pledge and intent to the same Idempotency-Key, and the card is charged once', async () => {
    const key = uniqueIdempotencyKey('pledge');
    const first = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(1_500), tip: eur(150) }), backer, key);
    const again = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(1_500), tip: eur(150) }), backer, key);
    expect(again.pledge.pledgeId).toBe(first.pledge.pledgeId);
    expect(again.payment.intentId).toBe(first.payment.intentId);
    await confirmWithCard(stripe(), first);
    await pledgeOnceIn(api, first.pledge.pledgeId, backer, 'committed');
    expectedAtStripe.set(first.pledge.pledgeId, 1_650);
  });

  it('leaves a declined card’s pledge waiting, and commits it when the contributor pays with another card', async () => {
    const placed = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(2_000), tip: eur(100) }), backer);
    expect(await confirmWithCard(stripe(), placed, 'pm_card_chargeDeclined').catch(() => 'declined')).toBe('declined');
    await pledgeOnceIn(api, placed.pledge.pledgeId, backer, 'payment_failed');

    expect(await confirmWithCard(stripe(), placed, 'pm_card_visa')).toBe('succeeded');
    await pledgeOnceIn(api, placed.pledge.pledgeId, backer, 'committed');
    expectedAtStripe.set(placed.pledge.pledgeId, 2_100);
  });

  it.each([
    ['an amount below the minimum', pledgeBody({ amount: eur(99) }), 'amount'],
    ['a tip larger than the pledge', pledgeBody({ tip: eur(3_001) }), 'tip'],
    ['no tip at all', { amount: eur(3_000), showName: false }, 'tip'],
    ['a guest without an e-mail address', pledgeBody({ name: 'Sans courriel' }), 'email'],
    ['an amount in cents with a fraction', pledgeBody({ amount: eur(30.5) }), 'amount.amount'],
  ])('refuses %s with a 400 naming the field, and records nothing', async (_what, body, field) => {
    const before = await stripeBooks(stripe());
    const response = await api.post(`/api/campaigns/${campaignId}/pledges`, 'name' in body ? undefined : backer).send(body);

    const problem = expectProblem(response, 400, 'validation-failed');
    expect(problem).toMatchObject({ errors: [expect.objectContaining({ field })] });
    expect((await stripeBooks(stripe())).captured).toBe(before.captured);
  });

  it('refuses a pledge on one’s own campaign and on a campaign that does not exist', async () => {
    expectProblem(await api.post(`/api/campaigns/${campaignId}/pledges`, holder).send(pledgeBody()), 400, 'validation-failed');
    expectProblem(
      await api.post('/api/campaigns/0193a3b2-7c1d-7000-8000-000000000000/pledges', backer).send(pledgeBody()),
      404,
      'not_found',
    );
  });

  it('refunds a cancelled pledge: the pledge by the pledge service, its tip by the tipping service', async () => {
    const placed = await committedPledge(pledgeBody({ amount: eur(4_000), tip: eur(400) }), backer);
    await pledgeOnceIn(api, placed.pledge.pledgeId, backer, 'committed');
    expectProblem(await api.post(`/api/pledges/${placed.pledge.pledgeId}/cancel`, holder), 403, 'forbidden');

    const cancelled = await api.post(`/api/pledges/${placed.pledge.pledgeId}/cancel`, backer).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expectedAtStripe.set(placed.pledge.pledgeId, 0);
    await pageOnceItHolds(api, campaignId, (p) => p.committed.amount === 3_000 + 3_000 + 1_500 + 2_000, 'the page drops it');
  });

  it('refunds every paid pledge, tip included, when the holder cancels the campaign', async () => {
    const { campaignId: cancelled } = await liveCampaign(api, holder, moderator, {
      fundingModel: 'keep_it_all',
      lastsMs: 10 * 60_000,
    });
    const placed = await pledgeOn(api, cancelled, pledgeBody({ amount: eur(2_500), tip: eur(250) }), backer);
    await confirmWithCard(stripe(), placed);
    await pledgeOnceIn(api, placed.pledge.pledgeId, backer, 'committed');

    await api.post(`/api/campaigns/${cancelled}/cancel`, holder).send({ reason: 'Le local a brûlé.' }).expect(200);
    await pledgeOnceIn(api, placed.pledge.pledgeId, backer, 'refunded');
    expectedAtStripe.set(placed.pledge.pledgeId, 0);
  });

  it('balances to the cent: what Stripe kept equals the standing pledges and their tips', async () => {
    const expected = [...expectedAtStripe.values()].reduce((total, amount) => total + amount, 0);
    const books = await pageOnceItHoldsBooks(expected);
    expect(books.problems).toEqual([]);
    expect(books.captured - books.refunded).toBe(expected);
  });

  /** Refunds are made by the services' workers after the answer: wait for them. */
  const pageOnceItHoldsBooks = (expected: number) =>
    waitUntil(
      async () => {
        const books = await stripeBooks(stripe());
        return books.captured - books.refunded === expected ? books : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 200, description: `Stripe keeps ${expected} cents` },
    );
});
