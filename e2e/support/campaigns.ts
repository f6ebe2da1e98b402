import type { ReplyOf, getCampaign, listCampaigns, listHolderCampaigns } from '@elan/contracts';
import { waitUntil } from '@elan/testing';
import type { Account, Api } from './api';

export type CampaignPage = ReplyOf<typeof getCampaign>;
export type CampaignCard = ReplyOf<typeof listCampaigns>['items'][number];
export type HolderCampaignCard = ReplyOf<typeof listHolderCampaigns>['items'][number];

/** Read models follow commands within moments; on a busy CI machine, give them a few seconds. */
export const READ_MODEL_LAG_MS = 10_000;

/** How far ahead a test's campaigns start: create, tiers, submit and approve on a busy machine first. */
export const STARTS_IN_MS = 4_000;
/** The scheduler launches and closes within a second, the read models follow within moments: room for a busy CI machine. */
export const ON_TIME_MS = 5_000;

export const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** A start and a deadline from now: test rules let a campaign last from one second. */
export const schedule = (startsInMs: number, lastsMs: number): { startsAt: string; deadline: string } => {
  const startsAt = Date.now() + startsInMs;
  return { startsAt: new Date(startsAt).toISOString(), deadline: new Date(startsAt + lastsMs).toISOString() };
};

/** Everything submission needs; `overrides` for what a test cares about. */
export const completeDraft = (overrides: Record<string, unknown> = {}) => ({
  title: 'Un four à pain pour le village',
  summary: 'Un four collectif, cuit au bois, ouvert à tous les habitants.',
  story: 'Le four banal du village est tombé en ruine. Nous voulons le rebâtir et y cuire le pain ensemble.',
  category: 'food',
  fundingModel: 'all_or_nothing',
  location: { departement: '62', commune: 'Arras' },
  goal: eur(500_000),
  ...schedule(60 * 60 * 1000, 24 * 60 * 60 * 1000),
  stretchGoals: [{ amount: eur(650_000), description: 'Un pétrin mécanique' }],
  ...overrides,
});

export const tier = (overrides: Record<string, unknown> = {}) => ({
  minimumAmount: eur(2_500),
  title: 'Une miche',
  description: 'Une miche de pain de la première fournée.',
  ...overrides,
});

/** Creates a draft as `holder` and answers its id. */
export async function createDraft(api: Api, holder: Account, draft: object = completeDraft()): Promise<string> {
  const response = await api.post('/api/campaigns', holder).send(draft).expect(201);
  return (response.body as { campaignId: string }).campaignId;
}

/** Adds a tier as `holder` and answers its id. */
export async function addTier(api: Api, holder: Account, campaignId: string, definition: object = tier()): Promise<string> {
  const response = await api.post(`/api/campaigns/${campaignId}/tiers`, holder).send(definition).expect(201);
  return (response.body as { tierId: string }).tierId;
}

/** The command reply of a lifecycle step that must succeed. */
export async function step(
  api: Api,
  caller: Account,
  campaignId: string,
  action: string,
  body?: object,
): Promise<{ status: string; version: number }> {
  const test = api.post(`/api/campaigns/${campaignId}/${action}`, caller);
  const response = await (body ? test.send(body) : test);
  if (response.status !== 200) throw new Error(`${action} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as { status: string; version: number };
}

/** The campaign page as `viewer` (or anyone) sees it; throws unless 200. */
export async function pageOf(api: Api, campaignId: string, viewer?: Account): Promise<CampaignPage> {
  const response = await api.get(`/api/campaigns/${campaignId}`, viewer);
  if (response.status !== 200) throw new Error(`GET /api/campaigns/${campaignId} answered ${response.status}`);
  return response.body as CampaignPage;
}

/** Waits until the page, as `viewer` sees it, satisfies `holds`; answers that page. */
export function pageOnceItHolds(
  api: Api,
  campaignId: string,
  holds: (page: CampaignPage) => boolean,
  description: string,
  viewer?: Account,
  timeoutMs = READ_MODEL_LAG_MS,
): Promise<CampaignPage> {
  return waitUntil(
    async () => {
      const page = await pageOf(api, campaignId, viewer);
      return holds(page) ? page : undefined;
    },
    { timeoutMs, intervalMs: 100, description },
  );
}

/** The public catalog (every page of it) for `query`, e.g. `status=live`. */
export async function catalog(api: Api, query = ''): Promise<CampaignCard[]> {
  const cards: CampaignCard[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', '50');
    if (cursor) params.set('cursor', cursor);
    const response = await api.get(`/api/campaigns?${params}`).expect(200);
    const page = response.body as ReplyOf<typeof listCampaigns>;
    cards.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return cards;
}

/** Every campaign of `holder`, drafts included, as `GET /api/me/campaigns` lists them. */
export async function campaignsOf(api: Api, holder: Account): Promise<HolderCampaignCard[]> {
  const response = await api.get('/api/me/campaigns?limit=50', holder).expect(200);
  return (response.body as ReplyOf<typeof listHolderCampaigns>).items;
}
