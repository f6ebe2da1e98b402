import { createHash, randomUUID } from 'node:crypto';
import { connect, headers as natsHeaders, nkeyAuthenticator, type NatsConnection } from 'nats';
import { pledgesTallied } from '@elan/contracts';
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
} from './support/campaigns';
import { startStack } from './support/preamble';
import { seedBytes, type Stack } from './support/stack';

const cardOf = (cards: CampaignCard[], campaignId: string) => cards.find((card) => card.campaignId === campaignId);

/** Short, so the deadline comes during the test. */
const LASTS_MS = 3_000;

/**
 * What the pledge service publishes once it tallied a campaign (ADR 0008), as its outbox relay
 * would: on JetStream, with the relay's envelope headers, as the stack's pledge user (an
 * end-to-end test may not use `@elan/messaging`, so the headers are written out). No pledge was
 * made here, so the tally is empty.
 */
const publishEmptyTally = async (nc: NatsConnection, campaignId: string, deadline: string): Promise<void> => {
  const eventId = randomUUID();
  const payload = pledgesTallied.schema.parse({
    campaignId,
    deadline,
    committedTotal: eur(0),
    backers: 0,
    digest: createHash('sha256').update('').digest('hex'),
    talliedAt: new Date().toISOString(),
  });
  // The envelope on the wire (ADR 0005, `libs/messaging/src/headers.ts`): the first event of its stream.
  const headers = natsHeaders();
  for (const [name, value] of Object.entries({
    'Elan-Event-Id': eventId,
    'Elan-Event-Type': pledgesTallied.type,
    'Elan-Schema-Version': String(pledgesTallied.version),
    'Elan-Stream-Id': `tally-${campaignId}`,
    'Elan-Stream-Position': '1',
    'Elan-Previous-Position': '0',
    'Elan-Occurred-At': new Date().toISOString(),
    'Elan-Correlation-Id': eventId,
    'Elan-Causation-Id': eventId,
  }))
    headers.set(name, value);
  await nc.jetstream().publish(pledgesTallied.subject, JSON.stringify(payload), { headers, msgID: eventId });
};

/**
 * A campaign's life through the public API with every process real: drafted by a holder,
 * reviewed by a moderator, live at its start, closing at its deadline, closed on the pledge
 * service's tally (published here as that service will, ADR 0008). Then: rejection, an
 * Idempotency-Key on creation, and read models rebuilt from the event log equal to the live ones.
 */
describe('a campaign from draft to its end, through the public API', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let moderator: Account;

  beforeAll(async () => {
    ({
      stack,
      api,
      accounts: { holder, moderator },
    } = await startStack('lifecycle', { members: ['holder'], moderators: ['moderator'] }));
  });
  afterAll(() => stack?.stop());

  describe('approved, then live at its start, closing at its deadline, and closed on the tally', () => {
    const plan = { allOrNothing: '', keepItAll: '', startsAt: '', deadline: '' };
    const liveSeenAt = new Map<string, number>();
    let pledgeService: NatsConnection | undefined;
    afterAll(() => pledgeService?.close());

    /** Until the catalog shows the campaign closing: the deadline passed and the tally is awaited. */
    const closingInCatalog = (campaignId: string) =>
      waitUntil(async () => cardOf(await catalog(api, 'status=closing'), campaignId), {
        timeoutMs: LASTS_MS + ON_TIME_MS + READ_MODEL_LAG_MS,
        intervalMs: 100,
        description: 'the campaign is closing in the catalog',
      });
    const tallyAsThePledgeService = async (campaignId: string): Promise<void> => {
      pledgeService ??= await connect({
        servers: stack.natsUrl,
        authenticator: nkeyAuthenticator(await seedBytes(stack.natsSeedFileOf('pledge'))),
        inboxPrefix: '_INBOX.pledge',
      });
      await publishEmptyTally(pledgeService, campaignId, plan.deadline);
    };

    /** Drafts with two tiers and a stretch goal, submitted and approved: both start at the same time. */
    beforeAll(async () => {
      Object.assign(plan, schedule(STARTS_IN_MS, LASTS_MS));
      const { startsAt, deadline } = plan;
      const launch = async (fundingModel: string, departement: string): Promise<string> => {
        const title = `Une épicerie solidaire (${fundingModel})`;
        const campaignId = await createDraft(
          api,
          holder,
          completeDraft({ title, fundingModel, startsAt, deadline, location: { departement } }),
        );
        await addTier(api, holder, campaignId, tier());
        await addTier(
          api,
          holder,
          campaignId,
          tier({ title: 'Un panier garni', minimumAmount: eur(5_000), quantityLimit: 20, estimatedDelivery: '2026-12' }),
        );
        expect(await step(api, holder, campaignId, 'submit')).toMatchObject({ status: 'submitted' });
        expect(await step(api, moderator, campaignId, 'approve')).toMatchObject({ status: 'approved' });
        return campaignId;
      };
      [plan.allOrNothing, plan.keepItAll] = await Promise.all([launch('all_or_nothing', '2A'), launch('keep_it_all', '971')]);
    });

    it('is public once approved, with its tiers and stretch goals, and its holder’s updates', async () => {
      const update = { title: 'Le local est trouvé', body: 'Nous signons le bail la semaine prochaine.' };
      const posted = await api.post(`/api/campaigns/${plan.allOrNothing}/updates`, holder).send(update).expect(201);

      const page = await pageOnceItHolds(api, plan.allOrNothing, (p) => p.updates.length === 1, 'the update is on the page');
      expect(page).toMatchObject({
        holderId: holder.id,
        departement: '2A',
        goal: eur(500_000),
        committed: eur(0),
        backers: 0,
        percentOfGoal: 0,
        startsAt: plan.startsAt,
        deadline: plan.deadline,
        tiers: [
          { title: 'Une miche', quantityLimit: null, remainingUnits: null, status: 'open' },
          { title: 'Un panier garni', quantityLimit: 20, remainingUnits: 20, unitsTaken: 0, estimatedDelivery: '2026-12' },
        ],
        stretchGoals: [{ amount: eur(650_000), description: 'Un pétrin mécanique', reached: false }],
        updates: [{ ...update, updateId: posted.body.updateId }],
      });
    });

    it('appears live in the catalog within seconds of its start, not before', async () => {
      await waitUntil(
        async () => {
          const live = await catalog(api, 'status=live');
          for (const campaignId of [plan.allOrNothing, plan.keepItAll])
            if (cardOf(live, campaignId) && !liveSeenAt.has(campaignId)) liveSeenAt.set(campaignId, Date.now());
          return liveSeenAt.size === 2;
        },
        {
          timeoutMs: STARTS_IN_MS + ON_TIME_MS + READ_MODEL_LAG_MS,
          intervalMs: 100,
          description: 'both campaigns are live in the catalog',
        },
      );

      const startsAt = Date.parse(plan.startsAt);
      for (const seenAt of liveSeenAt.values()) {
        expect(seenAt).toBeGreaterThanOrEqual(startsAt);
        expect(seenAt - startsAt).toBeLessThan(ON_TIME_MS);
      }
      const page = await pageOf(api, plan.allOrNothing);
      expect(Date.parse(page.launchedAt ?? '')).toBeGreaterThanOrEqual(startsAt);
    });

    it('fails on the tally after its deadline when all-or-nothing and nothing was pledged', async () => {
      expect(await closingInCatalog(plan.allOrNothing)).toMatchObject({ status: 'closing', timeLeftSeconds: null });
      await tallyAsThePledgeService(plan.allOrNothing);
      const failed = await waitUntil(async () => cardOf(await catalog(api, 'status=failed'), plan.allOrNothing), {
        timeoutMs: ON_TIME_MS + READ_MODEL_LAG_MS,
        intervalMs: 100,
        description: 'the all-or-nothing campaign is failed in the catalog',
      });

      expect(failed).toMatchObject({ status: 'failed', committed: eur(0), percentOfGoal: 0, timeLeftSeconds: null });
      const page = await pageOf(api, plan.allOrNothing);
      expect(Date.parse(page.closedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(plan.deadline));
    });

    it('ends on the tally after its deadline when keep-it-all, goal met or not', async () => {
      await closingInCatalog(plan.keepItAll);
      await tallyAsThePledgeService(plan.keepItAll);
      const ended = await waitUntil(async () => cardOf(await catalog(api, 'status=ended'), plan.keepItAll), {
        timeoutMs: ON_TIME_MS + READ_MODEL_LAG_MS,
        intervalMs: 100,
        description: 'the keep-it-all campaign is ended in the catalog',
      });

      expect(ended).toMatchObject({ status: 'ended', fundingModel: 'keep_it_all', departement: '971' });
      expect(cardOf(await catalog(api, 'status=live'), plan.keepItAll)).toBeUndefined();
    });
  });

  it('goes back to draft when rejected, with the reason its holder reads and nobody else sees', async () => {
    const campaignId = await createDraft(api, holder, completeDraft({ title: 'Un kiosque à musique' }));
    await step(api, holder, campaignId, 'submit');
    const reason = 'Précisez le budget des travaux et joignez un devis.';

    expect(await step(api, moderator, campaignId, 'reject', { reason })).toMatchObject({ status: 'draft' });

    const mine = await waitUntil(
      async () => (await campaignsOf(api, holder)).find((card) => card.campaignId === campaignId && card.rejectionReason),
      {
        timeoutMs: READ_MODEL_LAG_MS,
        intervalMs: 100,
        description: 'the holder’s list shows the rejection',
      },
    );
    expect(mine).toMatchObject({ status: 'draft', rejectionReason: reason });
    expect(await pageOf(api, campaignId, holder)).toMatchObject({ status: 'draft', rejectionReason: reason });
    await api.get(`/api/campaigns/${campaignId}`).expect(404);
    expect(cardOf(await catalog(api), campaignId)).toBeUndefined();
  });

  it('creates one campaign for one Idempotency-Key, however often the request is sent', async () => {
    const draft = completeDraft({ title: 'Une ressourcerie', location: { departement: '33' } });
    const create = () => api.post('/api/campaigns', holder).set('Idempotency-Key', 'create-ressourcerie').send(draft);

    const first = await create().expect(201);
    const again = await create().expect(201);

    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(`/api/campaigns/${first.body.campaignId}`);
    await api
      .post('/api/campaigns', holder)
      .set('Idempotency-Key', 'create-ressourcerie')
      .send({ ...draft, title: 'Autre' })
      .expect(422);
    const titled = await waitUntil(
      async () => {
        const cards = (await campaignsOf(api, holder)).filter((card) => card.title === draft.title);
        return cards.length > 0 ? cards : undefined;
      },
      { timeoutMs: READ_MODEL_LAG_MS, intervalMs: 100, description: 'the campaign is in the holder’s list' },
    );
    expect(titled.map((card) => card.campaignId)).toEqual([first.body.campaignId]);
  });

  it('rebuilds read models from the event log that equal the live ones', async () => {
    const snapshot = async () => {
      const mine = await campaignsOf(api, holder);
      const pages = await Promise.all(mine.map((card) => pageOf(api, card.campaignId, holder)));
      return { catalog: await catalog(api), mine, pages };
    };
    const before = await snapshot();
    expect(before.mine.length).toBeGreaterThanOrEqual(4);

    expect(await stack.stopCampaignService()).toBe(0);
    const rebuild = await stack.runScript('campaign:rebuild-read-models');
    expect([rebuild.code, rebuild.code === 0 ? '' : rebuild.stderr]).toEqual([0, '']);
    expect(rebuild.stdout).toContain(`${before.mine.length} campaigns`);
    await stack.startCampaignService();

    expect(await snapshot()).toEqual(before);
  });
});
