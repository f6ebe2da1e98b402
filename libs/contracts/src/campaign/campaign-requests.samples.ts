/**
 * One valid and one invalid payload for each campaign command and query, for the catalog test.
 * Test data only: imported by `catalog.unit.spec.ts`.
 */
const CAMPAIGN = '0195f0a0-0000-7000-8000-00000000c001';
const HOLDER = '0195f0a0-0000-7000-8000-00000000a001';
const TIER = '0195f0a0-0000-7000-8000-00000000d001';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const actor = { accountId: HOLDER, roles: ['contributor', 'holder'] };

interface Invalid {
  readonly field: string;
  readonly payload: unknown;
}
type Sample = { request: { valid: unknown; invalid: Invalid }; reply: { valid: unknown[]; invalid: Invalid } };

const commandReply = {
  valid: [{ campaignId: CAMPAIGN, status: 'draft', version: 1 }],
  invalid: { field: 'status', payload: { campaignId: CAMPAIGN, status: 'paused', version: 1 } },
};
const command = (valid: Record<string, unknown>, field: string, broken: Record<string, unknown>): Sample => ({
  request: {
    valid: { actor, campaignId: CAMPAIGN, ...valid },
    invalid: { field, payload: { actor, campaignId: CAMPAIGN, ...broken } },
  },
  reply: commandReply,
});

const card = {
  campaignId: CAMPAIGN,
  holderId: HOLDER,
  title: 'Un four à pain',
  summary: 'Un four collectif.',
  plainLanguageSummary: 'Nous voulons un four à pain. Tout le monde pourra y cuire son pain.',
  category: 'food',
  imageUrl: null,
  departement: '62',
  commune: 'Arras',
  status: 'live',
  fundingModel: 'all_or_nothing',
  goal: eur(500_000),
  committed: eur(125_000),
  raised: eur(125_000),
  backers: 40,
  percentOfGoal: 25,
  startsAt: '2026-03-10T09:00:00.000Z',
  deadline: '2026-04-09T09:00:00.000Z',
  launchedAt: '2026-03-10T09:00:00.000Z',
  timeLeftSeconds: 3600,
};
const holderCard = {
  ...card,
  createdAt: '2026-03-01T09:00:00.000Z',
  submittedAt: null,
  rejectionReason: null,
  pendingImageUrl: 'https://images.example.org/four-2.jpg',
  imageRefusal: null,
};
const changed = {
  campaignId: CAMPAIGN,
  holderId: HOLDER,
  title: 'Un four à pain partagé',
  status: 'live',
  version: 2,
  changedParts: ['title', 'imageUrl'],
  changedSince: '2026-03-12T09:00:00.000Z',
  lastChangedAt: '2026-03-12T10:00:00.000Z',
  imageUrl: null,
  pendingImageUrl: 'https://images.example.org/four-2.jpg',
  reviewed: { title: 'Un four à pain', summary: 'Un four collectif.', plainLanguageSummary: null, story: 'Il était une fois…' },
};
const moderator = { accountId: HOLDER, roles: ['moderator'] };
const pageOf = (item: unknown) => ({ items: [item], nextCursor: null });

export const campaignRequestSamples: Record<string, Sample> = {
  'rpc.campaign.CreateCampaign.v1': command(
    { title: 'Un four à pain', category: 'food', fundingModel: 'keep_it_all', location: { departement: '2A' } },
    'location.departement',
    { title: 'Un four à pain', category: 'food', fundingModel: 'keep_it_all', location: { departement: '20' } },
  ),
  'rpc.campaign.EditCampaign.v1': command({ changes: { story: 'Il était une fois…', imageUrl: null } }, 'changes.goal.amount', {
    changes: { goal: eur(12.5) },
  }),
  'rpc.campaign.SubmitCampaign.v1': command({}, 'campaignId', { campaignId: 'c1' }),
  'rpc.campaign.ApproveCampaign.v1': command({}, 'actor.roles.0', { actor: { accountId: HOLDER, roles: ['king'] } }),
  'rpc.campaign.RejectCampaign.v1': command({ reason: 'Précisez le budget.' }, 'reason', { reason: '' }),
  'rpc.campaign.CancelCampaign.v1': command({ reason: 'Le lieu a fermé.' }, 'reason', {}),
  'rpc.campaign.AddTier.v1': command(
    { tier: { tierId: TIER, minimumAmount: eur(2_500), title: 'Une miche', description: '', quantityLimit: 100 } },
    'tier.quantityLimit',
    { tier: { tierId: TIER, minimumAmount: eur(2_500), title: 'Une miche', description: '', quantityLimit: 0 } },
  ),
  'rpc.campaign.EditTier.v1': command({ tierId: TIER, changes: { estimatedDelivery: '2026-09' } }, 'changes.estimatedDelivery', {
    tierId: TIER,
    changes: { estimatedDelivery: '2026-13' },
  }),
  'rpc.campaign.CloseTier.v1': command({ tierId: TIER }, 'tierId', {}),
  'rpc.campaign.RemoveTier.v1': command({ tierId: TIER }, 'tierId', { tierId: 7 }),
  'rpc.campaign.PostCampaignUpdate.v1': command(
    { updateId: TIER, title: 'Le four est commandé', body: 'Merci à tous !' },
    'updateId',
    { title: 'Le four est commandé', body: 'Merci à tous !' },
  ),
  'rpc.campaign.AcknowledgeCampaignChanges.v1': command({ version: 2 }, 'version', { version: -1 }),
  'rpc.campaign.RefuseCampaignImage.v1': command({ version: 2, reason: 'Une marque apparaît.' }, 'reason', {
    version: 2,
    reason: '',
  }),
  'rpc.campaign.ListChangedCampaigns.v1': {
    request: { valid: { actor: moderator, limit: 10 }, invalid: { field: 'actor', payload: { limit: 10 } } },
    reply: {
      valid: [pageOf(changed)],
      invalid: { field: 'items.0.changedParts.0', payload: pageOf({ ...changed, changedParts: ['goal'] }) },
    },
  },
  'rpc.campaign.ListCampaigns.v1': {
    request: {
      valid: { departement: '62', sort: 'ending_soon', limit: 10 },
      invalid: { field: 'limit', payload: { limit: 500 } },
    },
    reply: { valid: [pageOf(card)], invalid: { field: 'items.0.committed', payload: pageOf({ ...card, committed: undefined }) } },
  },
  'rpc.campaign.GetCampaign.v1': {
    request: { valid: { campaignId: CAMPAIGN, viewer: actor }, invalid: { field: 'campaignId', payload: {} } },
    reply: {
      valid: [
        {
          ...holderCard,
          story: 'Il était une fois…',
          approvedAt: null,
          closedAt: null,
          cancelledAt: null,
          cancellationReason: null,
          tiers: [],
          stretchGoals: [],
          updates: [],
        },
      ],
      invalid: {
        field: 'story',
        payload: {
          ...holderCard,
          approvedAt: null,
          closedAt: null,
          cancelledAt: null,
          cancellationReason: null,
          tiers: [],
          stretchGoals: [],
          updates: [],
        },
      },
    },
  },
  'rpc.campaign.ListHolderCampaigns.v1': {
    request: { valid: { holderId: HOLDER }, invalid: { field: 'holderId', payload: { holderId: 'me' } } },
    reply: {
      valid: [pageOf(holderCard)],
      invalid: { field: 'items.0.createdAt', payload: pageOf({ ...holderCard, createdAt: 'yesterday' }) },
    },
  },
};
