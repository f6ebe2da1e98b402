import { uuidv7 } from '@elan/domain-kernel';
import type { Account, Api } from './support/api';
import {
  READ_MODEL_LAG_MS,
  completeDraft,
  createDraft,
  eur,
  pageOnceItHolds,
  schedule,
  step,
  tier,
  type CampaignPage,
} from './support/campaigns';
import { startStack } from './support/preamble';
import type { Stack } from './support/stack';

type Method = 'post' | 'patch' | 'delete';

/** One campaign in a given status, the tier it has, its stream version, and how its holder sees it. */
interface Target {
  readonly campaignId: string;
  readonly tierId: string;
  version: number;
  page?: CampaignPage;
}

/**
 * Who may do what to a campaign, with every process real: each mutating route called
 * anonymously (401) or by a caller without the right (403) changes nothing, which the campaign
 * page and the campaign's stream version (the next legitimate command is exactly one further)
 * both show. Malformed bodies get a 400 problem naming the field, whichever of the gateway or
 * the campaign service found it; an unknown campaign, a 404 problem.
 *
 * Decided here: a draft that a caller may not see is a 404 on reads; commands on it by a
 * stranger are a 403, since the campaign checks who acts before anything else (ADR 0010) and
 * campaign ids are unguessable UUIDs.
 */
describe('who may change a campaign, and what a refusal leaves behind', () => {
  let stack: Stack;
  let api: Api;
  let admin: Account;
  let holder: Account;
  let stranger: Account;
  let moderator: Account;
  /** A draft, a submitted campaign and an approved one, all the holder's; one submitted by the moderator. */
  const target: Record<'draft' | 'submitted' | 'approved' | 'moderatorsOwn', Target> = {} as never;

  const prepare = async (owner: Account, status: 'draft' | 'submitted' | 'approved', reviewer: Account): Promise<Target> => {
    const campaignId = await createDraft(api, owner, completeDraft(schedule(60 * 60 * 1000, 7 * 24 * 60 * 60 * 1000)));
    const added = await api.post(`/api/campaigns/${campaignId}/tiers`, owner).send(tier()).expect(201);
    const { tierId } = added.body as { tierId: string };
    let { version } = added.body as { version: number };
    if (status !== 'draft') version = (await step(api, owner, campaignId, 'submit')).version;
    if (status === 'approved') version = (await step(api, reviewer, campaignId, 'approve')).version;
    return { campaignId, tierId, version };
  };

  beforeAll(async () => {
    ({
      stack,
      api,
      admin,
      accounts: { holder, stranger, moderator },
    } = await startStack('authorization', { members: ['holder', 'stranger'], moderators: ['moderator'] }));
    [target.draft, target.submitted, target.approved, target.moderatorsOwn] = await Promise.all([
      prepare(holder, 'draft', moderator),
      prepare(holder, 'submitted', moderator),
      prepare(holder, 'approved', moderator),
      prepare(moderator, 'submitted', admin),
    ]);
    const expected = { draft: 'draft', submitted: 'submitted', approved: 'approved', moderatorsOwn: 'submitted' } as const;
    for (const [name, campaign] of Object.entries(target) as [keyof typeof target, Target][]) {
      const owner = name === 'moderatorsOwn' ? moderator : holder;
      campaign.page = await pageOnceItHolds(
        api,
        campaign.campaignId,
        (page) => page.status === expected[name] && page.tiers.length === 1,
        `${name} is settled in the read models`,
        owner,
      );
    }
  });
  afterAll(() => stack?.stop());

  const path = (name: keyof typeof target, action = '') => `/api/campaigns/${target[name].campaignId}${action}`;
  const tierPath = (name: keyof typeof target, action = '') => path(name, `/tiers/${target[name].tierId}${action}`);

  /** Every mutating route, on the campaign where it would be legitimate, with a valid body. */
  const routes = (): [string, Method, string, object | undefined][] => [
    ['create a campaign', 'post', '/api/campaigns', completeDraft()],
    ['edit a draft', 'patch', path('draft'), { story: 'Une autre histoire.' }],
    ['add a tier', 'post', path('draft', '/tiers'), { minimumAmount: eur(1_000), title: 'Merci', description: '' }],
    ['edit a tier', 'patch', tierPath('draft'), { title: 'Deux miches' }],
    ['delete a tier', 'delete', tierPath('draft'), undefined],
    ['close a tier', 'post', tierPath('approved', '/close'), undefined],
    ['submit', 'post', path('draft', '/submit'), undefined],
    ['approve', 'post', path('submitted', '/approve'), undefined],
    ['reject', 'post', path('submitted', '/reject'), { reason: 'Trop vague.' }],
    ['cancel', 'post', path('approved', '/cancel'), { reason: 'Plus de local.' }],
    ['post an update', 'post', path('approved', '/updates'), { title: 'Nouvelles', body: 'Tout va bien.' }],
  ];
  const call = (method: Method, url: string, body: object | undefined, caller?: Account) => {
    const test = api[method](url, caller);
    return body ? test.send(body) : test;
  };

  it('answers 401 to an anonymous caller on every mutating route', async () => {
    for (const [what, method, url, body] of routes()) {
      const response = await call(method, url, body);
      expect([what, response.status, response.headers['www-authenticate']]).toEqual([what, 401, 'Bearer']);
    }
  });

  it('answers 403 to another holder on every route of a campaign that is not theirs', async () => {
    for (const [what, method, url, body] of routes().filter(([what]) => what !== 'create a campaign')) {
      const response = await call(method, url, body, stranger);
      expect([what, response.status, response.body.type]).toEqual([what, 403, expect.stringMatching(/forbidden$/)]);
    }
  });

  it('keeps review to moderators and admins, and a moderator off their own campaign', async () => {
    const refusals: [string, Account, Method, string, object | undefined][] = [
      ['a contributor approves', stranger, 'post', path('submitted', '/approve'), undefined],
      ['a holder approves their own', holder, 'post', path('submitted', '/approve'), undefined],
      ['a holder rejects their own', holder, 'post', path('submitted', '/reject'), { reason: 'Moi-même.' }],
      ['a moderator approves their own', moderator, 'post', path('moderatorsOwn', '/approve'), undefined],
      ['a moderator rejects their own', moderator, 'post', path('moderatorsOwn', '/reject'), { reason: 'Moi-même.' }],
      ['a moderator cancels another’s', moderator, 'post', path('approved', '/cancel'), { reason: 'Non.' }],
      ['a moderator edits another’s', moderator, 'patch', path('draft'), { title: 'Pris en main' }],
      ['a moderator submits another’s', moderator, 'post', path('draft', '/submit'), undefined],
    ];
    for (const [what, caller, method, url, body] of refusals) {
      const response = await call(method, url, body, caller);
      expect([what, response.status]).toEqual([what, 403]);
    }
  });

  it('hides a draft or a submitted campaign from anyone but its holder and moderators', async () => {
    for (const name of ['draft', 'submitted'] as const) {
      await api.get(path(name)).expect(404);
      await api.get(path(name), stranger).expect(404);
      await api.get(path(name), holder).expect(200);
    }
    await api.get(path('submitted'), moderator).expect(200);
    await api.get(path('approved')).expect(200);
  });

  /** What is wrong, the route (built once the campaigns exist), the body, and the field the problem must name. */
  const malformed: [string, Method, () => string, () => object, string][] = [
    [
      'a département that is not one',
      'post',
      () => '/api/campaigns',
      () => completeDraft({ location: { departement: '20' } }),
      'location.departement',
    ],
    ['a missing title', 'post', () => '/api/campaigns', () => ({ ...completeDraft(), title: undefined }), 'title'],
    ['a blank title (the campaign’s rule)', 'post', () => '/api/campaigns', () => completeDraft({ title: '   ' }), 'title'],
    [
      'a deadline too close to the start (the campaign’s rule)',
      'post',
      () => '/api/campaigns',
      () => completeDraft(schedule(60_000, 500)),
      'deadline',
    ],
    ['a goal with a fraction of a cent', 'patch', () => path('draft'), () => ({ goal: eur(12.5) }), 'goal.amount'],
    ['a misspelt field', 'patch', () => path('draft'), () => ({ goals: eur(1_000) }), 'goals'],
    [
      'a tier without a price',
      'post',
      () => path('draft', '/tiers'),
      () => ({ title: 'Merci', description: '' }),
      'minimumAmount',
    ],
    [
      'a tier of zero units',
      'post',
      () => path('draft', '/tiers'),
      () => ({ minimumAmount: eur(1_000), title: 'Merci', description: '', quantityLimit: 0 }),
      'quantityLimit',
    ],
    ['a thirteenth month', 'patch', () => tierPath('draft'), () => ({ estimatedDelivery: '2026-13' }), 'estimatedDelivery'],
    ['a cancellation without a reason', 'post', () => path('approved', '/cancel'), () => ({}), 'reason'],
    [
      'an update without a title (the campaign’s rule)',
      'post',
      () => path('approved', '/updates'),
      () => ({ title: '', body: 'Du texte.' }),
      'title',
    ],
  ];

  it.each(malformed)('answers %s with a 400 problem naming the field', async (_what, method, url, body, field) => {
    const response = await call(method, url(), body(), holder);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'urn:elan:problem:validation-failed',
      errors: [{ field, message: expect.any(String) }],
    });
  });

  it('names an invalid path parameter and an invalid rejection reason too', async () => {
    const badId = await api.post('/api/campaigns/not-a-uuid/submit', holder);
    const emptyReason = await api.post(path('submitted', '/reject'), moderator).send({ reason: '' });

    expect(badId.body).toMatchObject({ status: 400, errors: [{ field: 'id' }] });
    expect(emptyReason.body).toMatchObject({ status: 400, errors: [{ field: 'reason' }] });
  });

  it('answers a 404 problem for a campaign that does not exist', async () => {
    const unknown = `/api/campaigns/${uuidv7()}`;
    for (const response of [
      await api.get(unknown),
      await api.get(unknown, holder),
      await api.patch(unknown, holder).send({ story: 'Rien.' }),
      await api.post(`${unknown}/submit`, holder),
      await api.post(`${unknown}/approve`, moderator),
    ]) {
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ type: 'urn:elan:problem:not_found', status: 404 });
    }
  });

  it(
    'left every campaign as it was: the same page, and the next command is the next version',
    async () => {
      for (const [name, campaign] of Object.entries(target)) {
        const owner = name === 'moderatorsOwn' ? moderator : holder;
        const page = await pageOnceItHolds(api, campaign.campaignId, () => true, `${name} is readable`, owner);
        expect([name, page]).toEqual([name, campaign.page]);
      }

      const next = async (caller: Account, campaign: Target, method: Method, url: string, body?: object) => {
        const response = await call(method, url, body, caller);
        expect([url, response.status]).toEqual([url, method === 'post' && url.endsWith('/updates') ? 201 : 200]);
        expect([url, response.body.version]).toEqual([url, campaign.version + 1]);
      };
      await next(holder, target.draft, 'patch', path('draft'), { story: 'La suite de l’histoire.' });
      await next(moderator, target.submitted, 'post', path('submitted', '/approve'));
      await next(holder, target.approved, 'post', path('approved', '/updates'), { title: 'Nouvelles', body: 'Tout va bien.' });
      await next(admin, target.moderatorsOwn, 'post', path('moderatorsOwn', '/approve'));
    },
    READ_MODEL_LAG_MS * 4,
  );
});
