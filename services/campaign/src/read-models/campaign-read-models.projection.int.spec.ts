import { eur } from '@elan/domain-kernel';
import { waitUntil } from '@elan/testing';
import { CAMPAIGN_READ_MODELS } from './campaign-read-models.projection';
import { rebuildReadModels } from './rebuild-read-models';
import {
  approved,
  cancelled,
  changesAcknowledged,
  closed,
  confirmed,
  created,
  day,
  edited,
  imageAcknowledged,
  imageProposed,
  imageRefused,
  imageRemoved,
  launched,
  rejected,
  released,
  reserved,
  stretchGoalsAdded,
  submitted,
  textChanged,
  throughTo,
  tierAdded,
  tierClosed,
  tierStockStream,
  tierEdited,
  tierRemoved,
  updatePosted,
  uuidOf,
} from './test/campaign-events';
import { openReadModelTestbed, type ReadModelTestbed } from './test/read-model-testbed';

const c = (n: number): string => uuidOf('c', n);
const t = (n: number): string => uuidOf('d', n);

/** A log that uses every event the projection folds, over several campaigns and tier stocks. */
const appendRichHistory = async (bed: ReadModelTestbed, round: number): Promise<void> => {
  const [a, b, x] = [c(round * 10 + 1), c(round * 10 + 2), c(round * 10 + 3)];
  const [tierA, tierB, removedTier] = [t(round * 10 + 1), t(round * 10 + 2), t(round * 10 + 3)];
  await bed.append(`campaign-${a}`, [
    created(a, {
      title: `Une boulangerie coopérative ${round}`,
      plainLanguageSummary: 'Nous ouvrons une boulangerie. Elle appartient à ses clients.',
      location: { departement: '62', commune: 'Arras' },
    }),
    tierAdded(a, { tierId: tierA, quantityLimit: 3 }),
    tierAdded(a, { tierId: removedTier }),
    tierRemoved(a, removedTier),
    tierEdited(a, tierA, { title: 'Deux miches', estimatedDelivery: null }),
    edited(a, { imageUrl: null, location: { departement: '59' }, stretchGoals: [], plainLanguageSummary: null }),
    edited(a, { plainLanguageSummary: 'Nous ouvrons une boulangerie. Vous pouvez en être membre.' }),
    submitted(a),
    rejected(a),
    submitted(a, day(0.5)),
    approved(a),
    launched(a),
    tierAdded(a, { tierId: tierB, quantityLimit: null }, day(9.5)),
    updatePosted(a, uuidOf('f', round * 10 + 1), 'Le four est commandé', day(11)),
    // Changes since approval (ADR 0012): words, an image refused, another acknowledged, then more words.
    textChanged(a, { title: `Une boulangerie partagée ${round}`, story: 'Des nouvelles du chantier.' }, 1, day(11.1)),
    imageProposed(a, 'https://images.example.org/refused.jpg', 2, day(11.2)),
    imageRefused(a, 'https://images.example.org/refused.jpg', 'Une marque apparaît.', day(11.3)),
    imageProposed(a, 'https://images.example.org/four-2.jpg', 3, day(11.4)),
    imageAcknowledged(a, 'https://images.example.org/four-2.jpg', day(11.5)),
    changesAcknowledged(a, 3, ['title', 'story', 'imageUrl'], day(11.5)),
    textChanged(a, { summary: 'Plus court.', plainLanguageSummary: 'Le pain sera cuit ici.' }, 4, day(11.6)),
    imageProposed(a, 'https://images.example.org/four-3.jpg', 5, day(11.7)),
  ]);
  await bed.append(tierStockStream(a, tierA), [
    reserved(a, tierA, 'pledge-1', 'r1'),
    reserved(a, tierA, 'pledge-2', 'r2'),
    released(tierA, 'pledge-2', 'r2'),
    confirmed(tierA, 'pledge-1', 'r1'),
    reserved(a, tierA, 'pledge-3', 'r3'),
    reserved(a, tierA, 'pledge-3', 'r3-again', day(11)),
  ]);
  await bed.append(`campaign-${a}`, [tierClosed(a, tierA), closed(a, 'CampaignSucceeded', 612_345, 42)]);
  await bed.append(`campaign-${b}`, [
    ...throughTo(b, 'live', {}, { category: 'culture', fundingModel: 'keep_it_all' }),
    stretchGoalsAdded(
      b,
      [{ stretchGoalId: uuidOf('e', round * 10 + 1), amount: eur(900_000), description: 'Une vitrine' }],
      1,
      day(9.2),
    ),
    imageProposed(b, 'https://images.example.org/b.jpg', 2, day(9.3)),
    imageRemoved(b, day(9.4)),
    textChanged(b, { plainLanguageSummary: 'Un concert chaque mois.' }, 3, day(9.5)),
    cancelled(b),
  ]);
  await bed.append(`campaign-${x}`, throughTo(x, 'submitted'));
};

describe('the campaign read-model projection', () => {
  let bed: ReadModelTestbed;
  beforeEach(async () => {
    bed = await openReadModelTestbed();
  });
  afterEach(async () => {
    await bed.dispose();
  });

  it('gives the same rows when the same events are replayed twice', async () => {
    await bed.startProjection({ batchSize: 7 });
    await appendRichHistory(bed, 1);
    await appendRichHistory(bed, 2);
    await bed.caughtUp();
    const once = await bed.dump();
    expect(once['read_campaigns']).toHaveLength(6);
    expect(once['read_tier_holds']).toHaveLength(6);

    // The checkpoint goes back to the start while the rows stay: every event is applied again.
    await bed.pool.query(
      `UPDATE ${bed.schema}.checkpoints SET transaction_id = '0', global_position = 0 WHERE subscription = $1`,
      [CAMPAIGN_READ_MODELS],
    );
    await bed.caughtUp();

    expect(await bed.dump()).toEqual(once);
  });

  it('rebuilt from scratch equals the live read models, row for row in every table', async () => {
    const live = await bed.startProjection({ batchSize: 5 });
    await appendRichHistory(bed, 1);
    await bed.caughtUp();
    await appendRichHistory(bed, 2);
    await bed.caughtUp();
    const liveRows = await bed.dump();

    const report = await rebuildReadModels({ store: bed.store, dataSource: bed.dataSource, projection: live });
    expect(report.campaigns).toBe(6);
    expect(await bed.dump()).toEqual(liveRows);

    // And from a process of its own, as `npm run campaign:rebuild-read-models` does it.
    await live.stop();
    await rebuildReadModels({ store: bed.store, dataSource: bed.dataSource });
    expect(await bed.dump()).toEqual(liveRows);
  });

  it('commits a batch with its checkpoint or not at all', async () => {
    const good = c(1);
    await bed.append(`campaign-${good}`, [created(good)]);
    // A CampaignCreated without a title breaks a NOT NULL constraint half-way through the batch.
    const broken = created(c(2));
    await bed.append(`campaign-${c(2)}`, [{ type: broken.type, data: { ...broken.data, title: undefined } }]);
    const errors: unknown[] = [];
    const projection = await bed.startProjection({ onError: (error) => errors.push(error) });

    await waitUntil(() => errors.length >= 1, { timeoutMs: 10_000, description: 'the broken batch failed' });
    await projection.stop();

    expect(String(errors[0])).toMatch(/null value in column "title"/);
    expect((await bed.dump())['read_campaigns']).toEqual([]);
    expect(await projection.position()).toEqual({ transactionId: '0', globalPosition: 0 });
  });

  it('counts a tier unit per pledge, as the stock decider does', async () => {
    const campaign = c(1);
    const tier = t(1);
    await bed.append(`campaign-${campaign}`, [
      ...throughTo(campaign, 'live'),
      tierAdded(campaign, { tierId: tier, quantityLimit: 10 }),
    ]);
    await bed.append(tierStockStream(campaign, tier), [
      reserved(campaign, tier, 'p1', 'r1'),
      reserved(campaign, tier, 'p2', 'r2'),
      confirmed(tier, 'p1', 'r1'),
      released(tier, 'p2', 'r2'),
      // p3's hold lapsed without a recorded release; its new reservation replaces it.
      reserved(campaign, tier, 'p3', 'r3'),
      reserved(campaign, tier, 'p3', 'r4'),
    ]);
    await bed.startProjection();
    await bed.caughtUp();

    const [row] = (await bed.dump())['read_campaign_tiers'] as Array<{ units_taken: number }>;
    expect(row?.units_taken).toBe(2);
  });
});
