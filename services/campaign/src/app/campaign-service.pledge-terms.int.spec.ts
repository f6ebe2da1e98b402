import { addTier, closeTier, createCampaign, getPledgeTerms } from '@elan/contracts';
import { NotFoundError, uuidv7 } from '@elan/domain-kernel';
import { approvedCampaign, draftOf, holder } from './test/campaign-requests';
import { startCampaignTestbed, type CampaignTestbed } from './test/campaign-service.testbed';

/**
 * GetPledgeTerms as the pledge service asks it: through NATS, answered from the campaign's own
 * stream, so a change is seen at once (no projection in between).
 */
describe('GetPledgeTerms over NATS (real PostgreSQL and NATS)', () => {
  let bed: CampaignTestbed;

  beforeAll(async () => {
    bed = await startCampaignTestbed(1);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('answers the campaign’s terms and the chosen tier’s minimum, stock and openness', async () => {
    const owner = holder();
    const draft = draftOf(owner, { fundingModel: 'keep_it_all' });
    const { campaignId } = draft;
    await bed.requests.request(createCampaign, draft);
    const limited = uuidv7();
    const unlimited = uuidv7();
    const tier = { title: 'Une miche', description: '', minimumAmount: { amount: 2_500, currency: 'EUR' } };
    await bed.requests.request(addTier, { actor: owner, campaignId, tier: { ...tier, tierId: limited, quantityLimit: 20 } });
    await bed.requests.request(addTier, {
      actor: owner,
      campaignId,
      tier: { ...tier, tierId: unlimited, quantityLimit: null, minimumAmount: { amount: 1_000, currency: 'EUR' } },
    });

    await expect(bed.requests.request(getPledgeTerms, { campaignId })).resolves.toEqual({
      campaignId,
      holderId: owner.accountId,
      title: draft.title,
      status: 'draft',
      fundingModel: 'keep_it_all',
      currency: 'EUR',
      deadline: draft.deadline,
    });
    await expect(bed.requests.request(getPledgeTerms, { campaignId, tierId: limited })).resolves.toMatchObject({
      tier: { tierId: limited, minimum: { amount: 2_500, currency: 'EUR' }, limited: true, open: true },
    });
    await expect(bed.requests.request(getPledgeTerms, { campaignId, tierId: unlimited })).resolves.toMatchObject({
      tier: { tierId: unlimited, minimum: { amount: 1_000, currency: 'EUR' }, limited: false, open: true },
    });

    // Fresh from the stream: the very next request sees the tier closed.
    await bed.requests.request(closeTier, { actor: owner, campaignId, tierId: limited });
    await expect(bed.requests.request(getPledgeTerms, { campaignId, tierId: limited })).resolves.toMatchObject({
      tier: { tierId: limited, open: false },
    });
  });

  it('answers the status as it stands, the pledge service judging it', async () => {
    const { campaignId, tierId } = await approvedCampaign(bed.requests, { startsInMs: 60_000 });
    await expect(bed.requests.request(getPledgeTerms, { campaignId, tierId })).resolves.toMatchObject({
      status: 'approved',
      fundingModel: 'all_or_nothing',
    });
  });

  it('answers not_found for an unknown campaign or an unknown tier', async () => {
    const unknownCampaign = bed.requests.request(getPledgeTerms, { campaignId: uuidv7() });
    await expect(unknownCampaign).rejects.toThrow(NotFoundError);
    await expect(unknownCampaign).rejects.toMatchObject({ details: { field: 'campaignId' } });
    const { campaignId } = await approvedCampaign(bed.requests, { startsInMs: 60_000 });
    const unknownTier = bed.requests.request(getPledgeTerms, { campaignId, tierId: uuidv7() });
    await expect(unknownTier).rejects.toThrow(NotFoundError);
    await expect(unknownTier).rejects.toMatchObject({ details: { field: 'tierId' } });
  });
});
