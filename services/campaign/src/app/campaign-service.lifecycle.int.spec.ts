import {
  addTier,
  approveCampaign,
  campaignDeadlineReached,
  campaignLaunched,
  createCampaign,
  editCampaign,
  getCampaign,
  listCampaigns,
  listHolderCampaigns,
  submitCampaign,
} from '@elan/contracts';
import { ForbiddenError, NotFoundError, ValidationError, uuidv7 } from '@elan/domain-kernel';
import { ELAN_STREAM, HEADER, decodeReplyPacket, encodeRequestPacket } from '@elan/messaging';
import { waitUntil } from '@elan/testing';
import { PledgeStreams, publish, talliedMessage } from '../pledges/test/pledge-publisher';
import { approvedCampaign, contributor, draftOf, holder, moderator, pageOnceIn } from './test/campaign-requests';
import { startCampaignTestbed, type CampaignTestbed } from './test/campaign-service.testbed';

/** Campaigns here always have one: `draftOf` sets it. */
const deadlineOf = ({ deadline }: { readonly deadline?: string | null }): string => {
  if (!deadline) throw new Error('the campaign has no deadline');
  return deadline;
};

/**
 * The campaign service as the gateway sees it: two replicas on one schema, asked only through
 * NATS with the contracts, with the real event store, read models, scheduler and outbox relay.
 */
describe('the campaign service over NATS (two replicas, real PostgreSQL and NATS)', () => {
  let bed: CampaignTestbed;

  beforeAll(async () => {
    bed = await startCampaignTestbed(2);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('takes an all-or-nothing campaign from draft through review to live, closing at its deadline, then failed on a tally without pledges', async () => {
    const owner = holder();
    const draft = draftOf(owner, { fundingModel: 'all_or_nothing' });
    const { campaignId } = draft;
    await expect(bed.requests.request(createCampaign, draft)).resolves.toEqual({ campaignId, status: 'draft', version: 1 });
    const launched = await bed.nc.jetstream().consumers.get(ELAN_STREAM, { filterSubjects: campaignLaunched.subject });

    const tier = {
      tierId: uuidv7(),
      minimumAmount: { amount: 2_500, currency: 'EUR' },
      title: 'Une miche',
      description: '',
      quantityLimit: 50,
    };
    await expect(bed.requests.request(addTier, { actor: owner, campaignId, tier })).resolves.toEqual({
      campaignId,
      status: 'draft',
      version: 2,
    });
    await expect(bed.requests.request(submitCampaign, { actor: owner, campaignId })).resolves.toEqual({
      campaignId,
      status: 'submitted',
      version: 3,
    });
    await expect(bed.requests.request(approveCampaign, { actor: moderator(), campaignId })).resolves.toEqual({
      campaignId,
      status: 'approved',
      version: 4,
    });

    const live = await pageOnceIn(bed.requests, campaignId, 'live', 8_000);
    expect(live).toMatchObject({
      holderId: owner.accountId,
      fundingModel: 'all_or_nothing',
      departement: '62',
      committed: { amount: 0 },
    });
    expect(live.tiers).toEqual([
      expect.objectContaining({ tierId: tier.tierId, quantityLimit: 50, remainingUnits: 50, status: 'open' }),
    ]);
    const catalog = await bed.requests.request(listCampaigns, { status: ['live'], departement: '62' });
    expect(catalog.items.map((card) => card.campaignId)).toContain(campaignId);

    // The outbox relay published the launch to JetStream, with its envelope.
    const message = await waitUntil(
      async () => {
        const next = await launched.next({ expires: 1_000 });
        return next?.json<{ campaignId: string }>().campaignId === campaignId ? next : undefined;
      },
      { timeoutMs: 10_000, description: `${campaignLaunched.subject} for ${campaignId} is on the ELAN stream` },
    );
    expect(message.json()).toMatchObject({ campaignId, holderId: owner.accountId, departement: '62', deadline: draft.deadline });
    expect(message.headers?.get(HEADER.streamId)).toBe(`campaign-${campaignId}`);

    // At its deadline it stops taking pledges, in public, and tells the pledge service to tally.
    await pageOnceIn(bed.requests, campaignId, 'closing', 8_000);
    const deadlineReached = await bed.nc
      .jetstream()
      .consumers.get(ELAN_STREAM, { filterSubjects: campaignDeadlineReached.subject });
    const reached = await waitUntil(
      async () => {
        const next = await deadlineReached.next({ expires: 1_000 });
        return next?.json<{ campaignId: string }>().campaignId === campaignId ? next : undefined;
      },
      { timeoutMs: 10_000, description: `${campaignDeadlineReached.subject} for ${campaignId} is on the ELAN stream` },
    );
    expect(reached.json()).toEqual({ campaignId, fundingModel: 'all_or_nothing', goal: draft.goal, deadline: draft.deadline });

    await publish(bed.nc.jetstream(), talliedMessage(new PledgeStreams(), campaignId, deadlineOf(draft), []));
    const failed = await pageOnceIn(bed.requests, campaignId, 'failed', 8_000);
    expect(failed).toMatchObject({ committed: { amount: 0, currency: 'EUR' }, backers: 0, timeLeftSeconds: null });
  });

  it('ends a keep-it-all campaign on the pledge service’s tally, after its deadline', async () => {
    const plan = { fundingModel: 'keep_it_all', startsInMs: 1_500, durationMs: 1_500 } as const;
    const { campaignId } = await approvedCampaign(bed.requests, plan);
    const closing = await pageOnceIn(bed.requests, campaignId, 'closing', 8_000);
    const pledges = [
      { pledgeId: uuidv7(), amount: 4_000 },
      { pledgeId: uuidv7(), amount: 2_500 },
    ];
    await publish(bed.nc.jetstream(), talliedMessage(new PledgeStreams(), campaignId, deadlineOf(closing), pledges));
    await expect(pageOnceIn(bed.requests, campaignId, 'ended', 8_000)).resolves.toMatchObject({
      fundingModel: 'keep_it_all',
      committed: { amount: 6_500, currency: 'EUR' },
      backers: 2,
    });
  });

  it('never shows a draft in the catalog, nor its page to anyone but its holder and moderators', async () => {
    const owner = holder();
    const { campaignId } = await bed.requests.request(createCampaign, draftOf(owner));
    await waitUntil(
      async () =>
        (await bed.requests.request(listHolderCampaigns, { holderId: owner.accountId })).items.some(
          (c) => c.campaignId === campaignId,
        ),
      { timeoutMs: 5_000, description: 'the draft is in its holder’s list' },
    );
    const everything = await bed.requests.request(listCampaigns, { limit: 50 });
    expect(everything.items.map((card) => card.campaignId)).not.toContain(campaignId);
    expect(everything.items.every((card) => card.status !== 'draft' && card.status !== 'submitted')).toBe(true);
    await expect(bed.requests.request(getCampaign, { campaignId })).rejects.toThrow(NotFoundError);
    await expect(bed.requests.request(getCampaign, { campaignId, viewer: contributor() })).rejects.toThrow(NotFoundError);
    await expect(bed.requests.request(getCampaign, { campaignId, viewer: owner })).resolves.toMatchObject({ status: 'draft' });
    await expect(bed.requests.request(getCampaign, { campaignId, viewer: moderator() })).resolves.toMatchObject({
      status: 'draft',
    });
  });

  it('answers a forbidden actor with the typed forbidden error, and records nothing', async () => {
    const owner = holder();
    const draft = draftOf(owner);
    const { campaignId } = draft;
    await bed.requests.request(createCampaign, draft);
    const stranger = holder();

    const edit = bed.requests.request(editCampaign, { actor: stranger, campaignId, changes: { title: 'Détourné' } });
    await expect(edit).rejects.toThrow(ForbiddenError);
    await expect(edit).rejects.toMatchObject({ code: 'forbidden', details: { actor: stranger.accountId } });
    await expect(bed.requests.request(submitCampaign, { actor: stranger, campaignId })).rejects.toThrow(ForbiddenError);
    await expect(bed.requests.request(createCampaign, { ...draftOf(contributor()) })).rejects.toThrow(ForbiddenError);

    // Nothing was appended: the holder's next command is the stream's second event.
    await expect(bed.requests.request(submitCampaign, { actor: owner, campaignId })).resolves.toEqual({
      campaignId,
      status: 'submitted',
      version: 2,
    });
    const seenByHolder = await waitUntil(
      async () => {
        const page = await bed.requests.request(getCampaign, { campaignId, viewer: owner });
        return page.status === 'submitted' ? page : undefined;
      },
      { timeoutMs: 5_000, description: 'the holder sees the campaign submitted' },
    );
    expect(seenByHolder.title).toBe(draft.title);
  });

  it('answers validation_failed naming the field, to a malformed payload and to a value the domain refuses', async () => {
    // A caller that skips the contract's own check: the service still validates.
    const draft = { ...draftOf(holder()), location: { departement: '20' } };
    const raw = await bed.nc.request(createCampaign.subject, encodeRequestPacket(createCampaign.subject, draft), {
      timeout: 5_000,
    });
    expect(decodeReplyPacket(raw.data)).toEqual({
      kind: 'error',
      err: {
        code: 'validation_failed',
        message: expect.any(String),
        details: { issues: [{ path: 'location.departement', message: expect.any(String) }] },
      },
    });

    const tooLong = bed.requests.request(createCampaign, { ...draftOf(holder()), title: 'x'.repeat(121) });
    await expect(tooLong).rejects.toThrow(ValidationError);
    await expect(tooLong).rejects.toMatchObject({ code: 'validation_failed', details: { field: 'title' } });
  });
});
