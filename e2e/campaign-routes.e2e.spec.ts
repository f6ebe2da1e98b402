import { isUuid, uuidv7Timestamp } from '@elan/domain-kernel';
import { waitUntil } from '@elan/testing';
import type { Account, Api } from './support/api';
import {
  ON_TIME_MS,
  READ_MODEL_LAG_MS,
  STARTS_IN_MS,
  addTier,
  campaignsOf,
  catalog,
  completeDraft,
  createDraft,
  eur,
  pageOf,
  pageOnceItHolds,
  schedule,
  step,
  tier,
  type CampaignCard,
  type HolderCampaignCard,
} from './support/campaigns';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';

const HOUR_MS = 60 * 60 * 1000;

const idsOf = (cards: readonly { campaignId: string }[]): string[] => cards.map((card) => card.campaignId);

/**
 * The campaign routes of the gateway with every process real, for what the lifecycle and
 * authorization files leave out: the catalog's query string (words, département, category,
 * status, sort, pages) turned into the right campaigns, the tier routes, a refusal of the
 * campaign service named as the gateway names its own, the campaign page with a token that is
 * not one, and the caller's own campaigns.
 */
describe('the campaign routes, against the campaign service', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let maker: Account;
  let moderator: Account;

  /** A draft with one tier, submitted and approved by the moderator; answers the campaign and tier ids. */
  const approved = async (draft: object): Promise<{ campaignId: string; tierId: string }> => {
    const campaignId = await createDraft(api, holder, draft);
    const tierId = await addTier(api, holder, campaignId, tier());
    await step(api, holder, campaignId, 'submit');
    expect(await step(api, moderator, campaignId, 'approve')).toMatchObject({ status: 'approved' });
    return { campaignId, tierId };
  };

  beforeAll(async () => {
    ({
      stack,
      api,
      accounts: { holder, maker, moderator },
    } = await startStack('routes', { members: ['holder', 'maker'], moderators: ['moderator'] }));
  });
  afterAll(() => stack?.stop());

  describe('the catalog query', () => {
    /** Three campaigns starting together, with deadlines one, three and two hours later. */
    const campaign = { boulangerie: '', theatre: '', jardin: '' };

    beforeAll(async () => {
      const startsAt = Date.now() + STARTS_IN_MS;
      const timing = (hours: number) => ({
        startsAt: new Date(startsAt).toISOString(),
        deadline: new Date(startsAt + hours * HOUR_MS).toISOString(),
      });
      const [boulangerie, theatre, jardin] = await Promise.all([
        approved(
          completeDraft({
            title: 'Une boulangerie coopérative',
            category: 'food',
            location: { departement: '62' },
            ...timing(1),
          }),
        ),
        approved(
          completeDraft({ title: 'Un théâtre de verdure', category: 'culture', location: { departement: '2A' }, ...timing(3) }),
        ),
        approved(
          completeDraft({ title: 'Un jardin partagé', category: 'environment', location: { departement: '62' }, ...timing(2) }),
        ),
      ]);
      Object.assign(campaign, { boulangerie: boulangerie?.campaignId, theatre: theatre?.campaignId, jardin: jardin?.campaignId });
      await waitUntil(async () => (await catalog(api, 'status=live,approved')).length === 3, {
        timeoutMs: READ_MODEL_LAG_MS,
        intervalMs: 100,
        description: 'the three campaigns are in the catalog',
      });
    });

    /** The ids the catalog answers for `query`, sorted: the filters are what the test looks at. */
    const found = async (query: string): Promise<string[]> => idsOf(await catalog(api, query)).sort();
    const sorted = (...ids: string[]) => [...ids].sort();

    it('finds campaigns by French words, whatever the plural or the accents', async () => {
      expect(await found('status=live,approved&q=boulangerie')).toEqual([campaign.boulangerie]);
      expect(await found('q=boulangeries')).toEqual([campaign.boulangerie]);
      expect(await found('q=theatre')).toEqual([campaign.theatre]);
      expect(await found('q=jardins%20partag%C3%A9s')).toEqual([campaign.jardin]);
      expect(await found('q=patinoire')).toEqual([]);
    });

    it('filters by département and category, alone or together', async () => {
      expect(await found('departement=62')).toEqual(sorted(campaign.boulangerie, campaign.jardin));
      expect(await found('departement=2A')).toEqual([campaign.theatre]);
      expect(await found('departement=75')).toEqual([]);
      expect(await found('category=culture')).toEqual([campaign.theatre]);
      expect(await found('departement=62&category=food')).toEqual([campaign.boulangerie]);
      expect(await found('departement=2A&category=food')).toEqual([]);
      expect(await found('status=live,approved&departement=62&q=jardin&category=environment')).toEqual([campaign.jardin]);
    });

    it('filters by status, given as one comma-separated value', async () => {
      expect(await found('status=live,%20approved')).toEqual(sorted(campaign.boulangerie, campaign.theatre, campaign.jardin));
      expect(await found('status=succeeded,failed,ended,cancelled')).toEqual([]);
    });

    it(
      'sorts live campaigns by the nearest deadline, a page of `limit` at a time',
      async () => {
        const live = await waitUntil(
          async () => {
            const cards = await catalog(api, 'status=live&sort=ending_soon');
            return cards.length === 3 ? cards : undefined;
          },
          {
            timeoutMs: STARTS_IN_MS + ON_TIME_MS + READ_MODEL_LAG_MS,
            intervalMs: 100,
            description: 'the three campaigns are live',
          },
        );
        expect(idsOf(live)).toEqual([campaign.boulangerie, campaign.jardin, campaign.theatre]);

        const first = await api.get('/api/campaigns?status=live&sort=ending_soon&limit=2').expect(200);
        const { items, nextCursor } = first.body as { items: CampaignCard[]; nextCursor: string | null };
        expect([idsOf(items), typeof nextCursor]).toEqual([[campaign.boulangerie, campaign.jardin], 'string']);
        const params = new URLSearchParams({ status: 'live', sort: 'ending_soon', limit: '2', cursor: String(nextCursor) });
        const second = await api.get(`/api/campaigns?${params}`).expect(200);
        expect([idsOf(second.body.items), second.body.nextCursor]).toEqual([[campaign.theatre], null]);
      },
      STARTS_IN_MS + ON_TIME_MS + READ_MODEL_LAG_MS * 2,
    );

    it.each([
      ['status=live,paused', 'status.1'],
      ['limit=500', 'limit'],
      ['departement=20', 'departement'],
      ['text=four', 'text'],
    ])('refuses the catalog query %s, naming %s', async (query, field) => {
      const response = await api.get(`/api/campaigns?${query}`);

      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field, message: expect.any(String) }]);
    });
  });

  describe('the tier routes', () => {
    it('renames a tier and removes another from a draft', async () => {
      const campaignId = await createDraft(api, holder);
      const kept = await addTier(api, holder, campaignId, tier());
      const removed = await addTier(api, holder, campaignId, tier({ title: 'Un panier garni', minimumAmount: eur(5_000) }));

      const renamed = await api
        .patch(`/api/campaigns/${campaignId}/tiers/${kept}`, holder)
        .send({ title: 'Deux miches', estimatedDelivery: '2026-11' });
      expect([renamed.status, renamed.body]).toEqual([200, { campaignId, status: 'draft', version: 4 }]);
      const gone = await api.delete(`/api/campaigns/${campaignId}/tiers/${removed}`, holder);
      expect([gone.status, gone.body]).toEqual([200, { campaignId, status: 'draft', version: 5 }]);

      const page = await pageOnceItHolds(
        api,
        campaignId,
        (p) => p.tiers.length === 1 && p.tiers[0]?.title === 'Deux miches',
        'the tiers are changed',
        holder,
      );
      expect(page.tiers).toEqual([
        expect.objectContaining({
          tierId: kept,
          title: 'Deux miches',
          estimatedDelivery: '2026-11',
          minimumAmount: eur(2_500),
          status: 'open',
        }),
      ]);
    });

    it('closes a tier of an approved campaign, which stays on its page', async () => {
      const { campaignId, tierId } = await approved(completeDraft(schedule(HOUR_MS, 24 * HOUR_MS)));

      const closed = await api.post(`/api/campaigns/${campaignId}/tiers/${tierId}/close`, holder);
      expect([closed.status, closed.body]).toMatchObject([200, { campaignId, status: 'approved' }]);

      const page = await pageOnceItHolds(
        api,
        campaignId,
        (p) => p.tiers[0]?.status === 'closed',
        'the tier is closed on the public page',
      );
      expect(page.tiers).toEqual([expect.objectContaining({ tierId, title: 'Une miche', status: 'closed' })]);
    });
  });

  it('names the field the campaign service refused, as if the gateway had', async () => {
    const response = await api.post('/api/campaigns', holder).send(completeDraft({ title: '   ' }));

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      type: 'urn:elan:problem:validation-failed',
      detail: 'The request body has an invalid field: title.',
      errors: [{ field: 'title', message: 'must not be blank' }],
    });
  });

  it('creates a draft under an id the gateway picks, with stretch goals of their own ids', async () => {
    const response = await api.post('/api/campaigns', holder).send(completeDraft()).expect(201);

    const { campaignId } = response.body as { campaignId: string };
    expect(response.body).toEqual({ campaignId, status: 'draft', version: 1 });
    expect(isUuid(campaignId) && campaignId[14]).toBe('7');
    expect(Math.abs(uuidv7Timestamp(campaignId) - Date.now())).toBeLessThan(60_000);
    expect(response.headers.location).toBe(`/api/campaigns/${campaignId}`);
    const page = await pageOnceItHolds(api, campaignId, () => true, 'the draft is readable', holder);
    expect(page.stretchGoals).toEqual([expect.objectContaining({ stretchGoalId: expect.any(String), amount: eur(650_000) })]);
    expect(isUuid(page.stretchGoals[0]?.stretchGoalId ?? '')).toBe(true);
  });

  it('reads a campaign page with a token that is not one as an anonymous visitor', async () => {
    const draft = await createDraft(api, holder);
    const { campaignId: public_ } = await approved(completeDraft(schedule(HOUR_MS, 24 * HOUR_MS)));
    await pageOnceItHolds(api, public_, () => true, 'the approved campaign is public');
    const notAToken: Account = { ...holder, token: 'not-a-token' };

    await pageOnceItHolds(api, draft, () => true, 'the draft is shown to its holder', holder);
    await api.get(`/api/campaigns/${draft}`, notAToken).expect(404);
    expect(await pageOf(api, public_, notAToken)).toMatchObject({ campaignId: public_, status: 'approved' });
  });

  it('lists the caller’s own campaigns, newest first, never another’s, uncached', async () => {
    await api.get('/api/me/campaigns').expect(401);
    const older = await createDraft(api, maker, completeDraft({ title: 'Une recyclerie' }));
    const newer = await createDraft(api, maker, completeDraft({ title: 'Un atelier vélo' }));

    const mine = await waitUntil(
      async () => {
        const cards = await campaignsOf(api, maker);
        return cards.length === 2 ? cards : undefined;
      },
      { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 100, description: 'both drafts are in the maker’s list' },
    );
    expect(mine.map(({ campaignId, holderId, status }) => ({ campaignId, holderId, status }))).toEqual([
      { campaignId: newer, holderId: maker.id, status: 'draft' },
      { campaignId: older, holderId: maker.id, status: 'draft' },
    ]);
    expect(idsOf(await campaignsOf(api, holder))).not.toContain(newer);

    const first = await api.get('/api/me/campaigns?limit=1', maker).expect(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const { items, nextCursor } = first.body as { items: HolderCampaignCard[]; nextCursor: string | null };
    expect(idsOf(items)).toEqual([newer]);
    const second = await api.get(`/api/me/campaigns?limit=1&cursor=${encodeURIComponent(String(nextCursor))}`, maker).expect(200);
    expect([idsOf(second.body.items), second.body.nextCursor]).toEqual([[older], null]);
  });
});
