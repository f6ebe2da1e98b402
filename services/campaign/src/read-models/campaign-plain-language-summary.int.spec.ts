import { campaignFixtures } from '../campaign/testing';
import type { Viewer } from './campaign-catalog.types';
import { changesAcknowledged, day, edited, textChanged, throughTo, uuidOf } from './test/campaign-events';
import { openReadModelTestbed, type ReadModelTestbed } from './test/read-model-testbed';

const { HOLDER_ID, MODERATOR_ID } = campaignFixtures;
const c = (n: number): string => uuidOf('c', n);

const PLAIN = 'Nous voulons un four à pain. Tout le monde pourra y cuire son pain.';
const SIMPLER = 'Un four à pain pour tous. Venez cuire votre pain.';
const SIMPLEST = 'Un four. Du pain pour tous.';

const holder: Viewer = { accountId: HOLDER_ID, roles: ['contributor', 'holder'] };
const moderator: Viewer = { accountId: MODERATOR_ID, roles: ['contributor', 'moderator'] };

/**
 * The plain-language summary (issue #12, ADR 0033) as the page, the cards and the moderators'
 * list read it: events appended for real to a PostgreSQL event store, projected as in production.
 */
describe('the plain-language summary in the read models', () => {
  let bed: ReadModelTestbed;
  beforeEach(async () => {
    bed = await openReadModelTestbed();
    await bed.startProjection();
  });
  afterEach(() => bed.dispose());

  const changed = async (campaignId: string) =>
    (await bed.catalog().changedSinceApproval(moderator)).items.find((item) => item.campaignId === campaignId);

  it('is on the page, the catalog card and the holder’s list; null for a campaign whose events never had one', async () => {
    await bed.append(`campaign-${c(1)}`, throughTo(c(1), 'live', {}, { plainLanguageSummary: PLAIN, createdAt: day(-1) }));
    await bed.append(`campaign-${c(2)}`, throughTo(c(2), 'live', {}, { createdAt: day(-2) }));
    await bed.caughtUp();

    expect(await bed.catalog().campaignPage(c(1))).toMatchObject({ plainLanguageSummary: PLAIN });
    expect(await bed.catalog().campaignPage(c(2))).toMatchObject({ plainLanguageSummary: null });
    const cards = (await bed.catalog().catalog()).items;
    const onCards = Object.fromEntries(cards.map((card) => [card.campaignId, card.plainLanguageSummary]));
    expect(onCards).toEqual({ [c(1)]: PLAIN, [c(2)]: null });
    expect((await bed.catalog().holderCampaigns(HOLDER_ID)).items[0]).toMatchObject({ plainLanguageSummary: PLAIN });
  });

  it('follows a draft’s edits, removal included', async () => {
    await bed.append(`campaign-${c(1)}`, [...throughTo(c(1), 'draft'), edited(c(1), { plainLanguageSummary: PLAIN }, day(0.1))]);
    await bed.caughtUp();
    expect(await bed.catalog().campaignPage(c(1), holder)).toMatchObject({ plainLanguageSummary: PLAIN });

    await bed.append(`campaign-${c(1)}`, [edited(c(1), { plainLanguageSummary: null }, day(0.15))]);
    await bed.caughtUp();
    expect(await bed.catalog().campaignPage(c(1), holder)).toMatchObject({ plainLanguageSummary: null });
  });

  it('changes at once once approved, and moderators compare it with the one they last reviewed', async () => {
    await bed.append(`campaign-${c(1)}`, [
      ...throughTo(c(1), 'live', {}, { plainLanguageSummary: PLAIN }),
      textChanged(c(1), { plainLanguageSummary: SIMPLER }, 1, day(10)),
    ]);
    await bed.caughtUp();

    expect(await bed.catalog().campaignPage(c(1))).toMatchObject({ plainLanguageSummary: SIMPLER });
    expect(await changed(c(1))).toMatchObject({
      version: 1,
      changedParts: ['plainLanguageSummary'],
      reviewed: { plainLanguageSummary: PLAIN },
    });

    await bed.append(`campaign-${c(1)}`, [
      changesAcknowledged(c(1), 1, ['plainLanguageSummary'], day(11)),
      textChanged(c(1), { summary: 'Plus court.', plainLanguageSummary: SIMPLEST }, 2, day(12)),
    ]);
    await bed.caughtUp();
    expect(await changed(c(1))).toMatchObject({
      version: 2,
      changedParts: ['summary', 'plainLanguageSummary'],
      reviewed: { plainLanguageSummary: SIMPLER },
    });

    await bed.append(`campaign-${c(1)}`, [textChanged(c(1), { plainLanguageSummary: null }, 3, day(13))]);
    await bed.caughtUp();
    expect(await bed.catalog().campaignPage(c(1))).toMatchObject({ summary: 'Plus court.', plainLanguageSummary: null });
    expect(await changed(c(1))).toMatchObject({ version: 3, reviewed: { plainLanguageSummary: SIMPLER } });
  });

  it('is null as reviewed when the campaign had none at approval', async () => {
    await bed.append(`campaign-${c(1)}`, [
      ...throughTo(c(1), 'approved'),
      textChanged(c(1), { plainLanguageSummary: PLAIN }, 1, day(2)),
    ]);
    await bed.caughtUp();
    expect(await changed(c(1))).toMatchObject({
      changedParts: ['plainLanguageSummary'],
      reviewed: { plainLanguageSummary: null },
    });
    expect(await bed.catalog().campaignPage(c(1))).toMatchObject({ plainLanguageSummary: PLAIN });
  });
});
