import type { ReplyOf, listChangedCampaigns } from '@elan/contracts';
import { waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import {
  READ_MODEL_LAG_MS,
  campaignsOf,
  catalog,
  completeDraft,
  createDraft,
  pageOf,
  pageOnceItHolds,
  step,
} from './support/campaigns';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';

type ChangedCampaign = ReplyOf<typeof listChangedCampaigns>['items'][number];

const PLAIN = 'Nous voulons un four à pain. Tout le monde pourra y cuire son pain.';
const SIMPLER = 'Un four à pain pour tous. Venez cuire votre pain.';
const SIMPLEST = 'Un four. Du pain pour tous.';
const TOO_LONG = 'Une phrase courte. '.repeat(32); // 608 characters, 607 once trimmed

/**
 * Issue #12, every process real: a campaign's plain-language summary ("facile à lire et à
 * comprendre") is written with the draft, edited, read on its page and card, changes at once
 * once approved while moderators see it changed (ADR 0012, ADR 0033), and too long is a 400
 * problem that changes nothing.
 */
describe('the plain-language summary of a campaign', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let moderator: Account;

  beforeAll(async () => {
    ({
      stack,
      api,
      accounts: { holder, moderator },
    } = await startStack('plain_language', { members: ['holder'], moderators: ['moderator'] }));
  });
  afterAll(() => stack?.stop());

  const expectTooLong = (response: { status: number; headers: Record<string, string>; body: unknown }) => {
    expect([response.status, response.headers['content-type']]).toEqual([
      400,
      expect.stringMatching(/application\/problem\+json/),
    ]);
    expect(response.body).toMatchObject({
      type: 'urn:elan:problem:validation-failed',
      errors: [{ field: 'plainLanguageSummary', message: 'must be at most 600 characters' }],
    });
  };

  const changedOnceItHolds = (campaignId: string, holds: (item: ChangedCampaign | undefined) => boolean, description: string) =>
    waitUntil(
      async () => {
        const { items } = (await api.get('/api/moderation/changed-campaigns?limit=50', moderator).expect(200)).body as ReplyOf<
          typeof listChangedCampaigns
        >;
        const item = items.find((changed) => changed.campaignId === campaignId);
        return holds(item) ? { item } : undefined;
      },
      { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 100, description },
    );

  it('is written with the draft, trimmed, edited and removed; too long is refused and changes nothing', async () => {
    const campaignId = await createDraft(api, holder, completeDraft({ plainLanguageSummary: `\n  ${PLAIN}  ` }));
    const draft = await pageOnceItHolds(api, campaignId, () => true, 'the draft is readable', holder);
    expect(draft).toMatchObject({ plainLanguageSummary: PLAIN, summary: completeDraft().summary });

    expectTooLong(await api.patch(`/api/campaigns/${campaignId}`, holder).send({ plainLanguageSummary: TOO_LONG }));
    const notText = await api.patch(`/api/campaigns/${campaignId}`, holder).send({ plainLanguageSummary: 42 });
    expect([notText.status, notText.body.errors]).toEqual([400, [expect.objectContaining({ field: 'plainLanguageSummary' })]]);
    // Nothing was recorded: the next change is the campaign's second event, and the page kept the text.
    const edited = await api.patch(`/api/campaigns/${campaignId}`, holder).send({ plainLanguageSummary: SIMPLER }).expect(200);
    expect(edited.body).toEqual({ campaignId, status: 'draft', version: 2 });
    await pageOnceItHolds(api, campaignId, (page) => page.plainLanguageSummary === SIMPLER, 'the edit is read', holder);

    const removed = await api.patch(`/api/campaigns/${campaignId}`, holder).send({ plainLanguageSummary: '  ' }).expect(200);
    expect(removed.body).toMatchObject({ version: 3 });
    await pageOnceItHolds(api, campaignId, (page) => page.plainLanguageSummary === null, 'blank removed it', holder);
  });

  it('refuses a draft whose plain-language summary is too long, and makes none', async () => {
    const refusedTitle = `Un four refusé ${Date.now()}`;
    expectTooLong(
      await api.post('/api/campaigns', holder).send(completeDraft({ title: refusedTitle, plainLanguageSummary: TOO_LONG })),
    );

    // The projection folds the log in order: once a later draft is listed, the refused one would be too.
    const laterId = await createDraft(api, holder, completeDraft({ title: `Un four accepté ${Date.now()}` }));
    const listed = await waitUntil(
      async () => {
        const campaigns = await campaignsOf(api, holder);
        return campaigns.some((campaign) => campaign.campaignId === laterId) ? campaigns : undefined;
      },
      { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 100, description: 'the later draft is listed' },
    );
    expect(listed.filter((campaign) => campaign.title === refusedTitle)).toEqual([]);
    expect(listed.find((campaign) => campaign.campaignId === laterId)).toMatchObject({ plainLanguageSummary: null });
  });

  it('changes at once once approved, on the page and the card, and moderators see it changed', async () => {
    const campaignId = await createDraft(api, holder, completeDraft({ plainLanguageSummary: PLAIN }));
    await step(api, holder, campaignId, 'submit');
    await step(api, moderator, campaignId, 'approve');
    await pageOnceItHolds(api, campaignId, (page) => page.status === 'approved', 'the campaign is public');

    await api.patch(`/api/campaigns/${campaignId}`, holder).send({ plainLanguageSummary: SIMPLEST }).expect(200);
    const page = await pageOnceItHolds(
      api,
      campaignId,
      (shown) => shown.plainLanguageSummary === SIMPLEST,
      'the new plain-language summary is public',
    );
    expect(page.summary).toBe(completeDraft().summary);
    expect((await catalog(api)).find((card) => card.campaignId === campaignId)).toMatchObject({
      plainLanguageSummary: SIMPLEST,
    });
    const { item } = await changedOnceItHolds(campaignId, (found) => found?.version === 1, 'moderators see the change');
    expect(item).toMatchObject({ changedParts: ['plainLanguageSummary'], reviewed: { plainLanguageSummary: PLAIN } });

    expectTooLong(await api.patch(`/api/campaigns/${campaignId}`, holder).send({ plainLanguageSummary: TOO_LONG }));
    await api.patch(`/api/campaigns/${campaignId}`, holder).send({ plainLanguageSummary: null }).expect(200);
    await pageOnceItHolds(api, campaignId, (shown) => shown.plainLanguageSummary === null, 'the removal is public');
    // The refused edit recorded nothing: the removal is the second change since approval.
    await changedOnceItHolds(campaignId, (found) => found?.version === 2, 'moderators see the removal');
    expect(await pageOf(api, campaignId)).toMatchObject({ summary: completeDraft().summary, plainLanguageSummary: null });
  });
});
