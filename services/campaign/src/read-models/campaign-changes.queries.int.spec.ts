import { eur, ForbiddenError } from '@elan/domain-kernel';
import { campaignFixtures } from '../campaign/testing';
import type { Viewer } from './campaign-catalog.types';
import {
  changesAcknowledged,
  day,
  edited,
  imageAcknowledged,
  imageProposed,
  imageRefused,
  imageRemoved,
  stretchGoalsAdded,
  textChanged,
  throughTo,
  tierAdded,
  tierEdited,
  updatePosted,
  uuidOf,
} from './test/campaign-events';
import { openReadModelTestbed, type ReadModelTestbed } from './test/read-model-testbed';

const { HOLDER_ID, STRANGER_ID, MODERATOR_ID, ADMIN_ID } = campaignFixtures;
const c = (n: number): string => uuidOf('c', n);

const APPROVED_IMAGE = 'https://images.example.org/four.jpg';
const NEW_IMAGE = 'https://images.example.org/four-2.jpg';
const APPROVED_TITLE = 'Un four à pain pour le quartier';

const holder: Viewer = { accountId: HOLDER_ID, roles: ['contributor', 'holder'] };
const stranger: Viewer = { accountId: STRANGER_ID, roles: ['contributor', 'holder'] };
const moderator: Viewer = { accountId: MODERATOR_ID, roles: ['contributor', 'moderator'] };
const admin: Viewer = { accountId: ADMIN_ID, roles: ['contributor', 'admin'] };

/**
 * What moderators and the public read of changes made once a campaign is approved (ADR 0012):
 * the new words at once, the new image only once acknowledged, and the "changed since approval"
 * list until a moderator acknowledges. Events are appended for real and projected as in production.
 */
describe('changes since approval, as the read models show them', () => {
  let bed: ReadModelTestbed;
  beforeEach(async () => {
    bed = await openReadModelTestbed();
    await bed.startProjection();
  });
  afterEach(() => bed.dispose());

  const changedList = async (viewer: Viewer = moderator, cursor?: string, limit?: number) =>
    bed
      .catalog()
      .changedSinceApproval(viewer, { ...(cursor !== undefined && { cursor }), ...(limit !== undefined && { limit }) });

  it('shows new words at once and keeps the approved image until a moderator acknowledges the new one', async () => {
    await bed.append(`campaign-${c(1)}`, [
      ...throughTo(c(1), 'live'),
      textChanged(c(1), { title: 'Un four partagé' }, 1, day(10)),
      imageProposed(c(1), NEW_IMAGE, 2, day(10.5)),
    ]);
    await bed.caughtUp();

    const publicPage = await bed.catalog().campaignPage(c(1));
    expect(publicPage).toMatchObject({ title: 'Un four partagé', imageUrl: APPROVED_IMAGE, pendingImageUrl: null });
    const [card] = (await bed.catalog().catalog()).items;
    expect(card).toMatchObject({ title: 'Un four partagé', imageUrl: APPROVED_IMAGE });
    expect(card).not.toHaveProperty('pendingImageUrl');
    expect(await bed.catalog().campaignPage(c(1), stranger)).toMatchObject({ pendingImageUrl: null });
    // Its holder sees the image waiting, on the page and in their own list.
    expect(await bed.catalog().campaignPage(c(1), holder)).toMatchObject({
      imageUrl: APPROVED_IMAGE,
      pendingImageUrl: NEW_IMAGE,
    });
    expect((await bed.catalog().holderCampaigns(HOLDER_ID)).items[0]).toMatchObject({ pendingImageUrl: NEW_IMAGE });

    expect((await changedList()).items).toEqual([
      {
        campaignId: c(1),
        holderId: HOLDER_ID,
        title: 'Un four partagé',
        status: 'live',
        version: 2,
        changedParts: ['title', 'imageUrl'],
        changedSince: day(10),
        lastChangedAt: day(10.5),
        imageUrl: APPROVED_IMAGE,
        pendingImageUrl: NEW_IMAGE,
        reviewed: {
          title: APPROVED_TITLE,
          summary: campaignFixtures.campaignCreated().data.summary,
          plainLanguageSummary: null,
          story: campaignFixtures.campaignCreated().data.story,
        },
      },
    ]);

    await bed.append(`campaign-${c(1)}`, [
      imageAcknowledged(c(1), NEW_IMAGE, day(11)),
      changesAcknowledged(c(1), 2, ['title', 'imageUrl'], day(11)),
    ]);
    await bed.caughtUp();

    expect(await bed.catalog().campaignPage(c(1))).toMatchObject({ imageUrl: NEW_IMAGE, pendingImageUrl: null });
    expect((await changedList(admin)).items).toEqual([]);
  });

  it('keeps the approved image after a refusal, and tells only the holder why', async () => {
    await bed.append(`campaign-${c(1)}`, [
      ...throughTo(c(1), 'approved'),
      imageProposed(c(1), NEW_IMAGE, 1, day(2)),
      imageRefused(c(1), NEW_IMAGE, 'Une marque apparaît.', day(3)),
    ]);
    await bed.caughtUp();

    expect(await bed.catalog().campaignPage(c(1), holder)).toMatchObject({
      imageUrl: APPROVED_IMAGE,
      pendingImageUrl: null,
      imageRefusal: { imageUrl: NEW_IMAGE, reason: 'Une marque apparaît.', refusedAt: day(3) },
    });
    expect(await bed.catalog().campaignPage(c(1))).toMatchObject({ imageUrl: APPROVED_IMAGE, imageRefusal: null });
    // Nothing else changed: the refusal settled the only change.
    expect((await changedList()).items).toEqual([]);
  });

  it('keeps a campaign listed for its words when only its image was refused', async () => {
    await bed.append(`campaign-${c(1)}`, [
      ...throughTo(c(1), 'live'),
      textChanged(c(1), { story: 'Autre chose.' }, 1, day(10)),
      imageProposed(c(1), NEW_IMAGE, 2, day(11)),
      imageRefused(c(1), NEW_IMAGE, 'Non.', day(12)),
    ]);
    await bed.caughtUp();

    expect((await changedList()).items).toMatchObject([
      { campaignId: c(1), version: 2, changedParts: ['story'], changedSince: day(10), pendingImageUrl: null },
    ]);
  });

  it('forgets a proposal when the holder removes the image', async () => {
    await bed.append(`campaign-${c(1)}`, [
      ...throughTo(c(1), 'live'),
      imageProposed(c(1), NEW_IMAGE, 1, day(10)),
      imageRemoved(c(1), day(11)),
    ]);
    await bed.caughtUp();

    expect(await bed.catalog().campaignPage(c(1), holder)).toMatchObject({ imageUrl: null, pendingImageUrl: null });
    expect((await changedList()).items).toEqual([]);
  });

  it('lists the oldest change first, a page at a time, and never a draft', async () => {
    await bed.append(`campaign-${c(1)}`, [...throughTo(c(1), 'live'), textChanged(c(1), { title: 'Trois' }, 1, day(12))]);
    await bed.append(`campaign-${c(2)}`, [...throughTo(c(2), 'live'), textChanged(c(2), { title: 'Un' }, 1, day(10))]);
    await bed.append(`campaign-${c(3)}`, [...throughTo(c(3), 'approved'), imageProposed(c(3), NEW_IMAGE, 1, day(11))]);
    await bed.append(`campaign-${c(4)}`, [...throughTo(c(4), 'draft'), edited(c(4), { title: 'Brouillon' })]);
    await bed.caughtUp();

    const first = await changedList(moderator, undefined, 2);
    expect(first.items.map((item) => item.campaignId)).toEqual([c(2), c(3)]);
    expect(first.nextCursor).not.toBeNull();
    const second = await changedList(moderator, first.nextCursor ?? undefined, 2);
    expect(second).toEqual({ items: [expect.objectContaining({ campaignId: c(1) })], nextCursor: null });
  });

  it('lists tiers, stretch goals and updates added or changed once approved, not before', async () => {
    const stretchGoal = { stretchGoalId: uuidOf('e', 9), amount: eur(900_000), description: 'Une vitrine' };
    await bed.append(`campaign-${c(1)}`, [
      ...throughTo(c(1), 'draft'),
      tierAdded(c(1), { tierId: uuidOf('d', 1) }, day(0.1)),
      ...throughTo(c(1), 'live').slice(1),
      tierEdited(c(1), uuidOf('d', 1), { title: 'Une miche au levain' }),
      stretchGoalsAdded(c(1), [stretchGoal], 2, day(10)),
      updatePosted(c(1), uuidOf('f', 1), 'Le four est commandé', day(11)),
    ]);
    await bed.caughtUp();

    expect((await changedList()).items).toMatchObject([
      { campaignId: c(1), version: 3, changedParts: ['tiers', 'stretchGoals', 'updates'], lastChangedAt: day(11) },
    ]);
    const page = await bed.catalog().campaignPage(c(1));
    expect(page?.stretchGoals.map((goal) => goal.description)).toEqual(['Un pétrin mécanique', 'Une vitrine']);
    expect(page?.tiers.map((tier) => tier.title)).toEqual(['Une miche au levain']);
  });

  it.each([
    ['a holder', holder],
    ['a stranger', stranger],
  ])('is not listed to %s', async (_, viewer) => {
    await expect(changedList(viewer)).rejects.toThrow(ForbiddenError);
  });
});
