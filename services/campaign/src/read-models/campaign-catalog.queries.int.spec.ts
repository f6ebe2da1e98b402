import { ValidationError } from '@elan/domain-kernel';
import type { CampaignCreated } from '../campaign/campaign.events';
import type { CampaignCatalog } from './campaign-catalog.queries';
import type { CatalogQuery, CatalogSort } from './campaign-catalog.types';
import { cancelled, closed, day, rejected, throughTo, uuidOf } from './test/campaign-events';
import { openReadModelTestbed, type ReadModelTestbed } from './test/read-model-testbed';

const c = (n: number): string => uuidOf('c', n);

/** A campaign in Rennes about nothing in particular, unless told otherwise. */
const about = (data: Partial<CampaignCreated['data']> = {}): Partial<CampaignCreated['data']> => ({
  summary: 'Un projet du territoire.',
  story: 'Une histoire sans rapport avec le pain.',
  category: 'other',
  location: { departement: '35', commune: 'Rennes' },
  ...data,
});

/**
 * Newest (listed) first: c5, c4, c3 (launched day 3), c9 (2.5), c2 (2), c8, c7, c6 (1.5), c1 (approved day 1).
 * Ending soon: c3, c4 (day 30), c5 (day 35), c2 (day 40). Most funded: c8, c6 (600,000), c7, then the zeros.
 */
const seed = async (bed: ReadModelTestbed): Promise<void> => {
  const live = (n: number, launchedAt: string, deadline: string, data: Partial<CampaignCreated['data']>) =>
    bed.append(`campaign-${c(n)}`, throughTo(c(n), 'live', { approvedAt: day(0.5), launchedAt, deadline }, about(data)));
  const closing = (
    n: number,
    type: Parameters<typeof closed>[1],
    committed: number,
    data: Partial<CampaignCreated['data']> = {},
  ) =>
    bed.append(`campaign-${c(n)}`, [
      ...throughTo(c(n), 'live', { approvedAt: day(0.5), launchedAt: day(1.5), deadline: day(2.5) }, about(data)),
      closed(c(n), type, committed, 10, day(2.5)),
    ]);
  await bed.append(
    `campaign-${c(1)}`,
    throughTo(c(1), 'approved', { approvedAt: day(1) }, about({ category: 'food', location: { departement: '62' } })),
  );
  await live(2, day(2), day(40), {
    title: 'Les boulangeries du Pas-de-Calais',
    category: 'food',
    location: { departement: '62', commune: 'Arras' },
  });
  await live(3, day(3), day(30), {
    title: 'Une chapelle',
    summary: "Restaurer l'église romane du village.",
    category: 'culture',
    location: { departement: '2A' },
  });
  await live(4, day(3), day(30), { title: 'Des haies', category: 'environment', location: { departement: '971' } });
  await live(5, day(3), day(35), { title: 'Un stade', category: 'sport', location: { departement: '62' } });
  await closing(6, 'CampaignSucceeded', 600_000, { category: 'culture' });
  await closing(7, 'CampaignFailed', 100_000);
  await closing(8, 'CampaignEnded', 600_000, { fundingModel: 'keep_it_all' });
  await bed.append(`campaign-${c(9)}`, [
    ...throughTo(c(9), 'live', { approvedAt: day(0.5), launchedAt: day(2.5) }, about()),
    cancelled(c(9), day(4)),
  ]);
  // Never public: a draft (that would match the text search), a submitted one, a rejected one.
  await bed.append(`campaign-${c(10)}`, throughTo(c(10), 'draft', {}, about({ title: 'Une boulangerie en projet' })));
  await bed.append(`campaign-${c(11)}`, throughTo(c(11), 'submitted', {}, about({ title: 'Une boulangerie soumise' })));
  await bed.append(`campaign-${c(12)}`, [...throughTo(c(12), 'submitted', {}, about()), rejected(c(12))]);
};

const ORDER: Readonly<Record<CatalogSort, readonly string[]>> = {
  newest: [c(5), c(4), c(3), c(9), c(2), c(8), c(7), c(6), c(1)],
  ending_soon: [c(3), c(4), c(5), c(2)],
  most_funded: [c(8), c(6), c(7), c(9), c(5), c(4), c(3), c(2), c(1)],
};

describe('the public catalog', () => {
  let bed: ReadModelTestbed;
  let catalog: CampaignCatalog;
  const ids = async (query: CatalogQuery = {}): Promise<string[]> =>
    (await catalog.catalog({ limit: 50, ...query })).items.map((item) => item.campaignId);

  beforeAll(async () => {
    bed = await openReadModelTestbed();
    await seed(bed);
    await bed.startProjection();
    await bed.caughtUp();
    catalog = bed.catalog();
  });
  afterAll(async () => {
    await bed.dispose();
  });

  it('shows approved, live, closed and cancelled campaigns, never drafts or submitted ones', async () => {
    expect(new Set(await ids())).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9].map(c)));
  });

  it.each([
    ['live', [c(5), c(4), c(3), c(2)]],
    ['approved', [c(1)]],
    ['cancelled', [c(9)]],
    [
      ['succeeded', 'failed', 'ended'],
      [c(8), c(7), c(6)],
    ],
  ] as const)('filters by status %j', async (status, expected) => {
    expect(await ids({ status })).toEqual(expected);
  });

  it('refuses a status the catalog never shows', async () => {
    await expect(catalog.catalog({ status: 'draft' as never })).rejects.toThrow(ValidationError);
  });

  it.each([
    ['62', [c(5), c(2), c(1)]],
    ['2A', [c(3)]],
    ['971', [c(4)]],
    ['13', []],
  ])('filters by département %s', async (departement, expected) => {
    expect(await ids({ departement })).toEqual(expected);
  });

  it('filters by category, and combines filters', async () => {
    expect(await ids({ category: 'culture' })).toEqual([c(3), c(6)]);
    expect(await ids({ category: 'food', departement: '62' })).toEqual([c(2), c(1)]);
    expect(await ids({ category: 'food', status: 'live' })).toEqual([c(2)]);
    await expect(catalog.catalog({ departement: '20' })).rejects.toThrow(ValidationError);
  });

  it.each([
    ['boulangerie', [c(2)]],
    ['Boulangeries Pas-de-Calais', [c(2)]],
    ['eglise', [c(3)]],
    ['ÉGLISES romanes', [c(3)]],
    ['arras', [c(2)]],
    ['piscine', []],
  ])('finds %j in French, whatever the accents and plurals, among public campaigns only', async (text, expected) => {
    expect(await ids({ text })).toEqual(expected);
  });

  it.each(['newest', 'ending_soon', 'most_funded'] as const)('sorts by %s, ties broken by campaign id', async (sort) => {
    expect(await ids({ sort })).toEqual(ORDER[sort]);
  });

  it.each(
    (['newest', 'ending_soon', 'most_funded'] as const).flatMap((sort) => [1, 2, 4].map((limit) => [sort, limit] as const)),
  )('walks every %s item exactly once, %i at a time', async (sort, limit) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await catalog.catalog({ sort, limit, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((item) => item.campaignId));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(ORDER[sort]);
  });

  it('refuses a cursor of another sort, a forged cursor and a limit out of 1–50', async () => {
    const first = await catalog.catalog({ sort: 'newest', limit: 1 });
    expect(first.nextCursor).toEqual(expect.any(String));
    await expect(catalog.catalog({ sort: 'most_funded', cursor: first.nextCursor ?? '' })).rejects.toThrow(ValidationError);
    await expect(catalog.catalog({ cursor: 'bm90IGEgY3Vyc29y' })).rejects.toThrow(ValidationError);
    for (const limit of [0, 51, 2.5]) await expect(catalog.catalog({ limit })).rejects.toThrow(ValidationError);
  });

  it('pages by 20 unless told otherwise, and gives no cursor after the last page', async () => {
    const page = await catalog.catalog();
    expect(page.items).toHaveLength(9);
    expect(page.nextCursor).toBeNull();
  });
});
