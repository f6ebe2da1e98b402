import { eur, fixedClock, ValidationError } from '@elan/domain-kernel';
import { campaignFixtures } from '../campaign/testing';
import type { CampaignEvent } from '../campaign/campaign.events';
import type { Viewer } from './campaign-catalog.types';
import {
  closed,
  confirmed,
  day,
  edited,
  rejected,
  released,
  reserved,
  throughTo,
  tierAdded,
  tierClosed,
  tierStockStream,
  updatePosted,
  uuidOf,
} from './test/campaign-events';
import { openReadModelTestbed, type ReadModelTestbed } from './test/read-model-testbed';

const { HOLDER_ID, STRANGER_ID, MODERATOR_ID, ADMIN_ID } = campaignFixtures;
const c = (n: number): string => uuidOf('c', n);
const tier = (n: number): string => uuidOf('d', n);
const update = (n: number): string => uuidOf('f', n);

const stretchGoals = [
  { stretchGoalId: uuidOf('e', 1), amount: eur(550_000), description: 'Un pétrin mécanique' },
  { stretchGoalId: uuidOf('e', 2), amount: eur(750_000), description: 'Une chambre de pousse' },
];
/** Deadline of every campaign here: 2025-04-09T09:00Z. */
const DEADLINE = day(39);

const liveWithTiersAndUpdates = (): CampaignEvent[] => [
  ...throughTo(c(1), 'live', { deadline: DEADLINE }, { createdAt: day(-1), stretchGoals }),
  tierAdded(c(1), { tierId: tier(1), title: 'Une miche', quantityLimit: 3 }, day(9.1)),
  tierAdded(c(1), { tierId: tier(2), title: 'Un merci', quantityLimit: null }, day(9.2)),
  tierAdded(c(1), { tierId: tier(3), title: 'Une fournée', quantityLimit: 5 }, day(9.3)),
  tierClosed(c(1), tier(3)),
  updatePosted(c(1), update(1), 'Premier', day(10)),
  updatePosted(c(1), update(2), 'Second', day(12)),
  // Posted later, dated between the two: the page orders by date, not by arrival.
  updatePosted(c(1), update(3), 'Entre-deux', day(11)),
];

describe('the campaign page', () => {
  let bed: ReadModelTestbed;
  const pageOf = (campaignId: string, viewer?: Viewer, now = new Date('2025-03-20T09:00:00.000Z')) =>
    bed.catalog(fixedClock(now)).campaignPage(campaignId, viewer);
  const holder: Viewer = { accountId: HOLDER_ID, roles: ['contributor', 'holder'] };

  beforeAll(async () => {
    bed = await openReadModelTestbed();
    await bed.append(`campaign-${c(1)}`, liveWithTiersAndUpdates());
    await bed.append(tierStockStream(c(1), tier(1)), [
      reserved(c(1), tier(1), 'p1', 'r1'),
      reserved(c(1), tier(1), 'p2', 'r2'),
      reserved(c(1), tier(1), 'p3', 'r3'),
      released(tier(1), 'p2', 'r2'),
      confirmed(tier(1), 'p1', 'r1'),
    ]);
    await bed.append(`campaign-${c(2)}`, [
      ...throughTo(c(2), 'live', { deadline: DEADLINE }, { createdAt: day(-2), stretchGoals }),
      closed(c(2), 'CampaignSucceeded', 612_345, 42, DEADLINE),
    ]);
    await bed.append(`campaign-${c(3)}`, [
      ...throughTo(c(3), 'live', { deadline: DEADLINE }, { createdAt: day(-3) }),
      closed(c(3), 'CampaignFailed', 123_456, 7, DEADLINE),
    ]);
    await bed.append(`campaign-${c(4)}`, throughTo(c(4), 'draft', {}, { createdAt: day(-4) }));
    await bed.append(`campaign-${c(5)}`, throughTo(c(5), 'submitted', {}, { createdAt: day(-5) }));
    await bed.append(`campaign-${c(6)}`, [
      ...throughTo(c(6), 'submitted', {}, { createdAt: day(-5) }),
      rejected(c(6), 'Le budget manque.'),
    ]);
    await bed.append(`campaign-${c(7)}`, throughTo(c(7), 'approved', {}, { createdAt: day(-1), holderId: STRANGER_ID }));
    await bed.append(`campaign-${c(8)}`, [
      ...throughTo(c(8), 'draft', {}, { createdAt: day(-8) }),
      edited(c(8), { goal: eur(0) }),
    ]);
    await bed.startProjection();
    await bed.caughtUp();
  });
  afterAll(async () => {
    await bed.dispose();
  });

  it('shows each tier’s remaining units after reservations, releases and confirmations', async () => {
    const page = await pageOf(c(1));
    expect(
      page?.tiers.map(({ title, unitsTaken, remainingUnits, status }) => ({ title, unitsTaken, remainingUnits, status })),
    ).toEqual([
      { title: 'Une miche', unitsTaken: 2, remainingUnits: 1, status: 'open' },
      { title: 'Un merci', unitsTaken: 0, remainingUnits: null, status: 'open' },
      { title: 'Une fournée', unitsTaken: 0, remainingUnits: 5, status: 'closed' },
    ]);
    expect(page?.tiers[0]?.minimumAmount).toEqual(eur(2_500));
  });

  it('lists updates newest first', async () => {
    expect((await pageOf(c(1)))?.updates.map((u) => u.title)).toEqual(['Second', 'Entre-deux', 'Premier']);
  });

  it('counts the time left in whole seconds from its clock while live, and none once closed', async () => {
    const before = new Date(Date.parse(DEADLINE) - (((3 * 24 + 4) * 60 + 5) * 60 + 6) * 1000 - 789);
    expect((await pageOf(c(1), undefined, before))?.timeLeftSeconds).toBe(273_906);
    expect((await pageOf(c(1), undefined, new Date(Date.parse(DEADLINE) + 1)))?.timeLeftSeconds).toBe(0);
    expect((await pageOf(c(2)))?.timeLeftSeconds).toBeNull();
  });

  it('gives committed and raised amounts, backers, the percentage of the goal rounded down, and stretch goals reached', async () => {
    const succeeded = await pageOf(c(2));
    // Committed is the tally's; raised moves with collections (the pledges' running totals), none yet.
    expect(succeeded).toMatchObject({ status: 'succeeded', goal: eur(500_000), committed: eur(612_345), raised: eur(0) });
    expect(succeeded).toMatchObject({ backers: 42, percentOfGoal: 122 });
    expect(succeeded?.stretchGoals.map((goal) => goal.reached)).toEqual([true, false]);
    expect((await pageOf(c(3)))?.percentOfGoal).toBe(24); // 24.69 %
    const live = await pageOf(c(1));
    expect(live).toMatchObject({ committed: eur(0), backers: 0, percentOfGoal: 0 });
    expect(live?.stretchGoals.map((goal) => goal.reached)).toEqual([false, false]);
    expect((await pageOf(c(8), holder))?.percentOfGoal).toBeNull(); // a goal of zero has no percentage
  });

  it.each([
    ['a draft', c(4)],
    ['a submitted campaign', c(5)],
    ['a rejected campaign', c(6)],
  ])('shows %s only to its holder, moderators and admins', async (_, campaignId) => {
    expect(await pageOf(campaignId)).toBeNull();
    expect(await pageOf(campaignId, { accountId: STRANGER_ID, roles: ['contributor', 'holder'] })).toBeNull();
    expect((await pageOf(campaignId, holder))?.campaignId).toBe(campaignId);
    expect(await pageOf(campaignId, { accountId: MODERATOR_ID, roles: ['moderator'] })).not.toBeNull();
    expect(await pageOf(campaignId, { accountId: ADMIN_ID, roles: ['admin'] })).not.toBeNull();
  });

  it('shows a public campaign to anyone, and nothing for an unknown or malformed id', async () => {
    expect((await pageOf(c(7)))?.status).toBe('approved');
    expect(await pageOf(c(99))).toBeNull();
    expect(await pageOf('not-a-uuid')).toBeNull();
  });

  it('lists a holder’s own campaigns in every status, newest first, a page at a time', async () => {
    const catalog = bed.catalog();
    const seen: Array<{ id: string; status: string; rejectionReason: string | null }> = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.holderCampaigns(HOLDER_ID, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(
        ...page.items.map((item) => ({ id: item.campaignId, status: item.status, rejectionReason: item.rejectionReason })),
      );
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((item) => item.id)).toEqual([c(1), c(2), c(3), c(4), c(6), c(5), c(8)]);
    expect(seen.find((item) => item.id === c(6))).toEqual({ id: c(6), status: 'draft', rejectionReason: 'Le budget manque.' });
    await expect(catalog.holderCampaigns('someone')).rejects.toThrow(ValidationError);
  });
});
