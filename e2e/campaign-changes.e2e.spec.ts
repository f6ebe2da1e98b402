import type { ReplyOf, listChangedCampaigns } from '@elan/contracts';
import { waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import { READ_MODEL_LAG_MS, completeDraft, createDraft, pageOf, pageOnceItHolds, step } from './support/campaigns';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';

type ChangedCampaign = ReplyOf<typeof listChangedCampaigns>['items'][number];

const APPROVED_IMAGE = 'https://images.example.org/four-approuve.jpg';
const NEW_IMAGE = 'https://images.example.org/four-nouveau.jpg';
const REFUSED_IMAGE = 'https://images.example.org/autre-chose.jpg';

/**
 * Issue #7's finding, with every process real: an approved campaign's title, story and image
 * could change without any moderator seeing it. Now the new words show at once but the campaign
 * is listed for moderators until one acknowledges them, and a new image shows only once a
 * moderator acknowledged it (ADR 0012).
 */
describe('changes to an approved campaign, as moderators see them', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let stranger: Account;
  let moderator: Account;

  beforeAll(async () => {
    ({
      stack,
      api,
      accounts: { holder, stranger, moderator },
    } = await startStack('changes', { members: ['holder', 'stranger'], moderators: ['moderator'] }));
  });
  afterAll(() => stack?.stop());

  const approvedCampaign = async (title: string): Promise<string> => {
    const campaignId = await createDraft(api, holder, completeDraft({ title, imageUrl: APPROVED_IMAGE }));
    await step(api, holder, campaignId, 'submit');
    await step(api, moderator, campaignId, 'approve');
    await pageOnceItHolds(api, campaignId, (page) => page.status === 'approved', 'the campaign is public');
    return campaignId;
  };

  const changedCampaigns = async (caller: Account = moderator): Promise<ChangedCampaign[]> =>
    (
      (await api.get('/api/moderation/changed-campaigns?limit=50', caller).expect(200)).body as ReplyOf<
        typeof listChangedCampaigns
      >
    ).items;

  const listedOnceItHolds = (campaignId: string, holds: (item: ChangedCampaign | undefined) => boolean, description: string) =>
    waitUntil(
      async () => {
        const item = (await changedCampaigns()).find((changed) => changed.campaignId === campaignId);
        return holds(item) ? { item } : undefined;
      },
      { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 100, description },
    );

  it('shows new words at once, holds a new image until a moderator acknowledges it, and lists the change until then', async () => {
    const campaignId = await approvedCampaign('Un four à pain pour le village');

    await api
      .patch(`/api/campaigns/${campaignId}`, holder)
      .send({ title: 'Un tout autre projet', imageUrl: NEW_IMAGE })
      .expect(200);

    // The public page and the catalog show the new title, and still the approved image.
    const publicPage = await pageOnceItHolds(
      api,
      campaignId,
      (page) => page.title === 'Un tout autre projet',
      'the new title is public',
    );
    expect(publicPage).toMatchObject({ imageUrl: APPROVED_IMAGE, pendingImageUrl: null });
    const card = await waitUntil(
      async () => {
        const cards = (await api.get('/api/campaigns?limit=50').expect(200)).body.items as Array<{
          campaignId: string;
          title: string;
          imageUrl: string | null;
        }>;
        return cards.find((found) => found.campaignId === campaignId && found.title === 'Un tout autre projet');
      },
      { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 100, description: 'the catalog shows the new title' },
    );
    expect(card.imageUrl).toBe(APPROVED_IMAGE);
    // Its holder sees the image waiting.
    expect(await pageOf(api, campaignId, holder)).toMatchObject({ imageUrl: APPROVED_IMAGE, pendingImageUrl: NEW_IMAGE });

    // Moderators see what changed, since when, and what the words were when approved.
    const { item } = await listedOnceItHolds(campaignId, (found) => found?.version === 2, 'the campaign is listed as changed');
    expect(item).toMatchObject({
      title: 'Un tout autre projet',
      version: 2,
      changedParts: ['title', 'imageUrl'],
      imageUrl: APPROVED_IMAGE,
      pendingImageUrl: NEW_IMAGE,
      reviewed: { title: 'Un four à pain pour le village' },
    });

    // The list and the acknowledgement are the moderators': a stranger and the holder are refused.
    await api.get('/api/moderation/changed-campaigns', holder).expect(403);
    await api.get('/api/moderation/changed-campaigns').expect(401);
    await api.get('/api/moderation/changed-campaigns?cursor=not-one-we-gave', moderator).expect(400);
    for (const caller of [stranger, holder])
      await api.post(`/api/campaigns/${campaignId}/changes/acknowledge`, caller).send({ version: 2 }).expect(403);
    await api.post(`/api/campaigns/${campaignId}/image/refuse`, holder).send({ version: 2, reason: 'Non.' }).expect(403);

    // A moderator who saw an older version acknowledges nothing.
    const stale = await api.post(`/api/campaigns/${campaignId}/changes/acknowledge`, moderator).send({ version: 1 }).expect(409);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await pageOf(api, campaignId)).imageUrl).toBe(APPROVED_IMAGE);

    await api.post(`/api/campaigns/${campaignId}/changes/acknowledge`, moderator).send({ version: 2 }).expect(200);

    const acknowledged = await pageOnceItHolds(api, campaignId, (page) => page.imageUrl === NEW_IMAGE, 'the new image is public');
    expect(acknowledged).toMatchObject({ title: 'Un tout autre projet', pendingImageUrl: null });
    await listedOnceItHolds(campaignId, (found) => found === undefined, 'the campaign left the list');
  });

  it('keeps the approved image when a moderator refuses the new one, and tells its holder why', async () => {
    const campaignId = await approvedCampaign('Un lavoir restauré');

    await api.patch(`/api/campaigns/${campaignId}`, holder).send({ imageUrl: REFUSED_IMAGE }).expect(200);
    await listedOnceItHolds(campaignId, (found) => found?.pendingImageUrl === REFUSED_IMAGE, 'the image waits for review');

    await api.post(`/api/campaigns/${campaignId}/image/refuse`, moderator).send({ version: 1, reason: '' }).expect(400);
    await api
      .post(`/api/campaigns/${campaignId}/image/refuse`, moderator)
      .send({ version: 1, reason: 'Une marque apparaît.' })
      .expect(200);

    const seenByHolder = await pageOnceItHolds(
      api,
      campaignId,
      (page) => page.imageRefusal !== null,
      'the holder reads the refusal',
      holder,
    );
    expect(seenByHolder).toMatchObject({
      imageUrl: APPROVED_IMAGE,
      pendingImageUrl: null,
      imageRefusal: { imageUrl: REFUSED_IMAGE, reason: 'Une marque apparaît.' },
    });
    expect(await pageOf(api, campaignId)).toMatchObject({ imageUrl: APPROVED_IMAGE, imageRefusal: null });
    await listedOnceItHolds(campaignId, (found) => found === undefined, 'nothing else is left to review');
  });
});
