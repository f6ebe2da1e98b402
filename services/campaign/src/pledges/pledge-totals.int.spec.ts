import { eur, fixedClock } from '@elan/domain-kernel';
import { inTransaction } from '@elan/event-store';
import { rebuildReadModels } from '../read-models/rebuild-read-models';
import { closed, day, throughTo, uuidOf } from '../read-models/test/campaign-events';
import { openReadModelTestbed, type ReadModelTestbed } from '../read-models/test/read-model-testbed';
import { changeTotals, type TotalsChange } from './pledge-totals';

const c = (n: number): string => uuidOf('c', n);
const stretchGoals = [
  { stretchGoalId: uuidOf('e', 1), amount: eur(550_000), description: 'Un pétrin mécanique' },
  { stretchGoalId: uuidOf('e', 2), amount: eur(750_000), description: 'Une chambre de pousse' },
];

/**
 * The running totals the `campaign-pledges` consumer keeps, and what the campaign page and the
 * catalog show of them: real PostgreSQL, the read models' projection running as in production.
 */
describe('the pledges’ running totals on the campaign page and in the catalog', () => {
  let bed: ReadModelTestbed;
  const change = (campaignId: string, by: TotalsChange, currency = 'EUR') =>
    inTransaction(bed.pool, (client) => changeTotals(client, bed.schema, campaignId, currency, by));
  const pageOf = (campaignId: string) => bed.catalog(fixedClock(new Date(day(20)))).campaignPage(campaignId);

  beforeAll(async () => {
    bed = await openReadModelTestbed();
    await bed.append(`campaign-${c(1)}`, throughTo(c(1), 'live', {}, { stretchGoals }));
    await bed.append(`campaign-${c(2)}`, throughTo(c(2), 'live', {}, { createdAt: day(-1) }));
    await bed.startProjection();
    await bed.caughtUp();
  });
  afterAll(async () => {
    await bed?.dispose();
  });

  it('shows committed, raised, backers, the percentage and the stretch goals reached as the totals move', async () => {
    await change(c(1), { committed: 500_000, raised: 0, backers: 1 });
    await change(c(1), { committed: 60_000, raised: 60_000, backers: 1 });
    await expect(change(c(1), { committed: 1_000, raised: 0, backers: 0 })).resolves.toEqual({
      committed: eur(561_000),
      raised: eur(60_000),
      backers: 2,
    });
    const page = await pageOf(c(1));
    expect(page).toMatchObject({ committed: eur(561_000), raised: eur(60_000), backers: 2, percentOfGoal: 112 });
    expect(page?.stretchGoals.map((goal) => goal.reached)).toEqual([true, false]);

    // The catalog's most funded first sorts on the same figures.
    await change(c(2), { committed: 600_000, raised: 600_000, backers: 3 });
    const { items } = await bed.catalog().catalog({ sort: 'most_funded' });
    expect(items.map((card) => [card.campaignId, card.committed.amount])).toEqual([
      [c(2), 600_000],
      [c(1), 561_000],
    ]);
  });

  it('refuses another currency and a total below zero, changing nothing', async () => {
    const before = await pageOf(c(2));
    await expect(change(c(2), { committed: 100, raised: 0, backers: 1 }, 'CHF')).rejects.toThrow(/another currency/);
    await expect(change(c(2), { committed: -600_001, raised: 0, backers: -1 })).rejects.toThrow(/check constraint/);
    expect(await pageOf(c(2))).toEqual(before);
  });

  it('keeps the tally’s committed amount once closed, while collections still raise', async () => {
    await bed.append(`campaign-${c(2)}`, [closed(c(2), 'CampaignSucceeded', 590_000, 3)]);
    await bed.caughtUp();
    expect(await pageOf(c(2))).toMatchObject({ status: 'succeeded', committed: eur(590_000), backers: 3, raised: eur(600_000) });
    // A pledge released after the close leaves the running totals, not the outcome.
    await change(c(2), { committed: -10_000, raised: -10_000, backers: -1 });
    expect(await pageOf(c(2))).toMatchObject({ committed: eur(590_000), backers: 3, raised: eur(590_000) });
  });

  it('keeps the totals through a rebuild of the read models: they are the consumer’s, not the log’s', async () => {
    const before = [await pageOf(c(1)), await pageOf(c(2))];
    await rebuildReadModels({ store: bed.store, dataSource: bed.dataSource, pollMs: 20 });
    expect([await pageOf(c(1)), await pageOf(c(2))]).toEqual(before);
    const { rows } = await bed.pool.query(`SELECT campaign_id, committed FROM ${bed.schema}.pledge_totals ORDER BY 1`);
    expect(rows).toEqual([
      { campaign_id: c(1), committed: '561000' },
      { campaign_id: c(2), committed: '590000' },
    ]);
  });
});
