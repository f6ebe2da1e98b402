import Stripe from 'stripe';
import { stripeClientFor } from '@elan/stripe-emulator';
import { uniqueIdempotencyKey, waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import { eur, ON_TIME_MS, pageOnceItHolds, READ_MODEL_LAG_MS, tier } from './support/campaigns';
import {
  confirmWithCard,
  inWaves,
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

const RUSH = 1_000;
const UNITS = 100;

/**
 * The pledge side under pressure, every process real: a rush on a limited tier, Stripe's webhooks
 * duplicated, reordered and forged, and pledges confirmed on both sides of a deadline (ADR 0008).
 * Ends with the books: what Stripe kept equals the pledges that stand, tips included.
 */
describe('pledges under pressure', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let moderator: Account;
  let backer: Account;
  /** Cents each pledge should have left at Stripe. */
  const kept = new Map<string, number>();

  const stripe = () => stack.payments;

  beforeAll(async () => {
    ({
      stack,
      api,
      accounts: { holder, moderator, backer },
    } = await startStack(
      'pledges_rush',
      { members: ['holder', 'backer'], moderators: ['moderator'] },
      { payments: true, env: { PLEDGE_TALLY_GRACE_MS: '1000' } },
    ));
  });
  afterAll(() => stack?.stop());

  it(`gives exactly ${UNITS} of ${RUSH} concurrent pledges the tier’s units, and charges nobody else`, async () => {
    const {
      campaignId,
      tierIds: [tierId],
    } = await liveCampaign(api, holder, moderator, {
      fundingModel: 'keep_it_all',
      lastsMs: 10 * 60_000,
      tiers: [tier({ minimumAmount: eur(500), quantityLimit: UNITS })],
    });
    const answers = await inWaves(Array.from({ length: RUSH }), 50, async () =>
      api
        .post(`/api/campaigns/${campaignId}/pledges`, undefined, { idempotencyKey: uniqueIdempotencyKey('rush') })
        .send(pledgeBody({ amount: eur(500), tip: eur(50), tierId, name: 'Rusher', email: 'rush@example.org' })),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(UNITS);
    expect(statuses.filter((status) => status === 409)).toHaveLength(RUSH - UNITS);
    for (const refused of answers.filter((answer) => answer.status === 409))
      expect(refused.body).toMatchObject({ type: expect.stringMatching(/illegal_state/) });

    // Only the pledges that got a unit have a payment to confirm; they all commit.
    const winners = answers.filter((answer) => answer.status === 201).map((answer) => answer.body as PlacedPledge);
    const intents = await stripeClientFor(stripe()).paymentIntents.list({ limit: 100 });
    expect(intents.has_more).toBe(false);
    expect(new Set(intents.data.map((intent) => intent.id))).toEqual(new Set(winners.map((w) => w.payment.intentId)));
    await inWaves(winners, 20, async (winner) => {
      await confirmWithCard(stripe(), winner);
      kept.set(winner.pledge.pledgeId, 550);
    });
    const page = await pageOnceItHolds(api, campaignId, (p) => p.backers === UNITS, `${UNITS} backers`, undefined, 30_000);
    expect(page.tiers[0]).toMatchObject({ remainingUnits: 0, unitsTaken: UNITS });
    expect(page.committed).toEqual(eur(UNITS * 500));
  });

  describe('Stripe’s webhooks', () => {
    let campaignId: string;
    beforeAll(async () => {
      ({ campaignId } = await liveCampaign(api, holder, moderator, { fundingModel: 'keep_it_all', lastsMs: 10 * 60_000 }));
    });

    it('count a pledge once however often its success is delivered', async () => {
      await stripe().control.duplicateNextWebhooks(3);
      const placed = await pledgeOn(api, campaignId, pledgeBody(), backer);
      await confirmWithCard(stripe(), placed);
      await pledgeOnceIn(api, placed.pledge.pledgeId, backer, 'committed');
      kept.set(placed.pledge.pledgeId, 3_300);
      // Every copy has been delivered by the time a later pledge is counted.
      const second = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(1_000), tip: eur(0) }), backer);
      await confirmWithCard(stripe(), second);
      kept.set(second.pledge.pledgeId, 1_000);
      const page = await pageOnceItHolds(api, campaignId, (p) => p.committed.amount === 4_000, 'both pledges counted');
      expect(page.backers).toBe(2);
    });

    it('end on the payment’s last word when a failure arrives after the success', async () => {
      const placed = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(2_000), tip: eur(200) }), backer);
      await stripe().control.holdWebhooks();
      expect(await confirmWithCard(stripe(), placed, 'pm_card_chargeDeclined').catch(() => 'declined')).toBe('declined');
      expect(await confirmWithCard(stripe(), placed, 'pm_card_visa')).toBe('succeeded');
      expect(await stripe().control.releaseWebhooks('reverse')).toBeGreaterThanOrEqual(2);
      await pledgeOnceIn(api, placed.pledge.pledgeId, backer, 'committed');
      kept.set(placed.pledge.pledgeId, 2_200);
      // The failure, delivered last, changes nothing.
      await pageOnceItHolds(api, campaignId, (p) => p.committed.amount === 6_000, 'the pledge counted once');
      expect((await pledgeOf(api, placed.pledge.pledgeId, backer)).status).toBe('committed');
    });

    it('ignore a forged success', async () => {
      const placed = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(1_500), tip: eur(0) }), backer);
      const payload = JSON.stringify({
        id: 'evt_forged_1',
        object: 'event',
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        type: 'payment_intent.succeeded',
        data: {
          object: {
            id: placed.payment.intentId,
            object: 'payment_intent',
            amount: 1_500,
            currency: 'eur',
            status: 'succeeded',
            metadata: { elan_service: 'pledge', elan_pledge_id: placed.pledge.pledgeId },
          },
        },
      });
      const forged = await fetch(`${stack.url}/api/webhooks/stripe`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_not_the_real_one' }),
        },
        body: payload,
      });
      expect(forged.status).toBe(400);
      // A later genuine pledge is counted while the forged one still waits for its payment.
      const genuine = await pledgeOn(api, campaignId, pledgeBody({ amount: eur(100), tip: eur(0) }), backer);
      await confirmWithCard(stripe(), genuine);
      kept.set(genuine.pledge.pledgeId, 100);
      await pageOnceItHolds(api, campaignId, (p) => p.committed.amount === 6_100, 'the genuine pledge counted');
      expect((await pledgeOf(api, placed.pledge.pledgeId, backer)).status).toBe('awaiting_payment');
    });
  });

  it('counts the pledges Stripe confirmed before the deadline, refuses and refunds those after (ADR 0008)', async () => {
    // A deadline on a whole second: Stripe's times are whole seconds, so "before" is exact.
    const lastsMs = 12_000 + (1_000 - ((Date.now() + 4_000 + 12_000) % 1_000));
    const { campaignId, deadline } = await liveCampaign(api, holder, moderator, { fundingModel: 'keep_it_all', lastsMs });
    const deadlineMs = Date.parse(deadline);
    const placed = await inWaves(Array.from({ length: 12 }), 6, (_x, i) =>
      pledgeOn(api, campaignId, pledgeBody({ amount: eur(1_000 + i), tip: eur(10) }), backer),
    );
    const confirmAt = async (batch: PlacedPledge[], at: number) => {
      await waitUntil(() => Date.now() >= at, {
        timeoutMs: lastsMs + 10_000,
        intervalMs: 20,
        description: 'the moment to confirm',
      });
      await Promise.all(batch.map((pledge) => confirmWithCard(stripe(), pledge)));
    };
    const [early, lastSecond, late] = [placed.slice(0, 4), placed.slice(4, 8), placed.slice(8)];
    await confirmAt(early, deadlineMs - 4_000);
    await confirmAt(lastSecond, deadlineMs - 700);
    await confirmAt(late, deadlineMs + 1_200);

    const ended = await pageOnceItHolds(
      api,
      campaignId,
      (p) => p.status === 'ended',
      'the campaign ended',
      undefined,
      2 * ON_TIME_MS + READ_MODEL_LAG_MS,
    );
    const pledges = await Promise.all(
      placed.map((pledge) =>
        waitUntil(
          async () => {
            const view = await pledgeOf(api, pledge.pledge.pledgeId, backer);
            return view.status === 'committed' || view.status === 'late' ? view : undefined;
          },
          { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 100, description: 'each pledge is committed or late' },
        ),
      ),
    );
    const counted = pledges.filter((pledge) => pledge.status === 'committed');
    for (const pledge of counted) expect(Date.parse(pledge.committedAt ?? '')).toBeLessThan(deadlineMs);
    for (const pledge of pledges.slice(0, 4)) expect(pledge.status).toBe('committed');
    for (const pledge of pledges.slice(8)) expect(pledge.status).toBe('late');
    // The outcome is exactly the sum of the pledges committed in time.
    expect(ended.committed.amount).toBe(counted.reduce((total, pledge) => total + pledge.amount.amount, 0));
    for (const pledge of pledges) kept.set(pledge.pledgeId, pledge.status === 'committed' ? pledge.amount.amount + 10 : 0);
  });

  it('balances to the cent: what Stripe kept equals the pledges that stand and their tips', async () => {
    const expected = [...kept.values()].reduce((total, cents) => total + cents, 0);
    const books = await waitUntil(
      async () => {
        const current = await stripeBooks(stripe());
        return current.captured - current.refunded === expected ? current : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 200, description: `Stripe keeps ${expected} cents` },
    );
    expect(books.problems).toEqual([]);
  });
});
