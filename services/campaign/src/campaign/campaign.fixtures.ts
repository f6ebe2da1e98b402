import { eur, fixedClock, type DomainError, type Money } from '@elan/domain-kernel';
import type { ActorMetadata, TimedMetadata } from './campaign.commands';
import type * as Commands from './campaign.commands';
import type * as Events from './campaign.events';
import type { CampaignChanges, Tier, TierChanges, TierDefinition } from './campaign.values';

/**
 * Builders for campaign tests: fixed ids, a fixed clock, and one complete campaign (a bakery
 * in Arras) that every builder agrees with, so a test states only what it is about.
 */

export const HOLDER_ID = '01950000-0000-7000-8000-000000000001';
export const STRANGER_ID = '01950000-0000-7000-8000-000000000002';
export const MODERATOR_ID = '01950000-0000-7000-8000-000000000003';
export const ADMIN_ID = '01950000-0000-7000-8000-000000000004';
export const CAMPAIGN_ID = '01950000-0000-7000-8000-00000000c001';
export const TIER_ID = '01950000-0000-7000-8000-00000000d001';
export const OTHER_TIER_ID = '01950000-0000-7000-8000-00000000d002';
export const STRETCH_GOAL_ID = '01950000-0000-7000-8000-00000000e001';
export const OTHER_STRETCH_GOAL_ID = '01950000-0000-7000-8000-00000000e002';
export const UPDATE_ID = '01950000-0000-7000-8000-00000000f001';

/** "Now" in every test unless told otherwise; the campaign starts 9 days later and lasts 30 days. */
export const clock = fixedClock(new Date('2025-03-01T09:00:00.000Z'));
export const NOW = clock.now().toISOString();
export const STARTS_AT = '2025-03-10T09:00:00.000Z';
export const DEADLINE = '2025-04-09T09:00:00.000Z';
export const GOAL: Money = eur(500_000);

/** An instant `ms` milliseconds after (or before, when negative) an ISO instant. */
export const shifted = (instant: string, ms: number): Date => new Date(Date.parse(instant) + ms);

export const asHolder = (now: Date = clock.now()): ActorMetadata => ({ now, actor: HOLDER_ID, roles: ['contributor', 'holder'] });
export const asStranger = (now: Date = clock.now()): ActorMetadata => ({
  now,
  actor: STRANGER_ID,
  roles: ['contributor', 'holder'],
});
export const asModerator = (now: Date = clock.now()): ActorMetadata => ({
  now,
  actor: MODERATOR_ID,
  roles: ['contributor', 'holder', 'moderator'],
});
export const asAdmin = (now: Date = clock.now()): ActorMetadata => ({
  now,
  actor: ADMIN_ID,
  roles: ['contributor', 'holder', 'admin'],
});
export const byScheduler = (now: Date): TimedMetadata => ({ now, actor: 'scheduler' });

const campaignData: Commands.CreateCampaign['data'] = {
  campaignId: CAMPAIGN_ID,
  title: 'Un four à pain pour le quartier',
  summary: 'Un four collectif, ouvert à tous les habitants deux soirs par semaine.',
  story: "Depuis la fermeture de la dernière boulangerie, le quartier n'a plus de pain frais…",
  category: 'food',
  imageUrl: 'https://images.example.org/four.jpg',
  goal: GOAL,
  fundingModel: 'all_or_nothing',
  startsAt: STARTS_AT,
  deadline: DEADLINE,
  location: { departement: '62', commune: 'Arras' },
  stretchGoals: [{ stretchGoalId: STRETCH_GOAL_ID, amount: eur(750_000), description: 'Un pétrin mécanique' }],
};

export const tierDefinition = (overrides: Partial<TierDefinition> = {}): TierDefinition => ({
  tierId: TIER_ID,
  minimumAmount: eur(2_500),
  title: 'Une miche',
  description: 'Un pain de campagne de la première fournée.',
  quantityLimit: 100,
  estimatedDelivery: '2025-06',
  ...overrides,
});

/** For `thenThrows`: the error names this field in `details.field`, as the API will report it. */
export const onField =
  (field: string) =>
  (error: DomainError): boolean =>
    error.details['field'] === field;

// Commands

export const createCampaign = (
  data: Partial<Commands.CreateCampaign['data']> = {},
  metadata: ActorMetadata = asHolder(),
): Commands.CreateCampaign => ({ type: 'CreateCampaign', data: { ...campaignData, ...data }, metadata });

export const editCampaign = (changes: CampaignChanges, metadata: ActorMetadata = asHolder()): Commands.EditCampaign => ({
  type: 'EditCampaign',
  data: { campaignId: CAMPAIGN_ID, changes },
  metadata,
});

export const submitCampaign = (metadata: ActorMetadata = asHolder()): Commands.SubmitCampaign => ({
  type: 'SubmitCampaign',
  data: { campaignId: CAMPAIGN_ID },
  metadata,
});

export const approveCampaign = (metadata: ActorMetadata = asModerator()): Commands.ApproveCampaign => ({
  type: 'ApproveCampaign',
  data: { campaignId: CAMPAIGN_ID },
  metadata,
});

export const rejectCampaign = (
  reason = 'Précisez le budget.',
  metadata: ActorMetadata = asModerator(),
): Commands.RejectCampaign => ({
  type: 'RejectCampaign',
  data: { campaignId: CAMPAIGN_ID, reason },
  metadata,
});

export const launchCampaign = (now: Date = new Date(STARTS_AT)): Commands.LaunchCampaign => ({
  type: 'LaunchCampaign',
  data: { campaignId: CAMPAIGN_ID },
  metadata: byScheduler(now),
});

export const closeCampaign = (now: Date = new Date(DEADLINE)): Commands.CloseCampaign => ({
  type: 'CloseCampaign',
  data: { campaignId: CAMPAIGN_ID },
  metadata: byScheduler(now),
});

/** The pledge service's tally, five minutes after the deadline (its grace period for webhooks). */
export const recordPledgeTally = (
  committedTotal: Money,
  backers = 120,
  deadline = DEADLINE,
  now: Date = shifted(DEADLINE, 5 * 60_000),
): Commands.RecordPledgeTally => ({
  type: 'RecordPledgeTally',
  data: { campaignId: CAMPAIGN_ID, deadline, committedTotal, backers },
  metadata: { now, actor: 'pledge' },
});

export const cancelCampaign = (
  reason = 'Le local a été vendu.',
  metadata: ActorMetadata = asHolder(),
): Commands.CancelCampaign => ({ type: 'CancelCampaign', data: { campaignId: CAMPAIGN_ID, reason }, metadata });

export const addTier = (tier: TierDefinition = tierDefinition(), metadata: ActorMetadata = asHolder()): Commands.AddTier => ({
  type: 'AddTier',
  data: { campaignId: CAMPAIGN_ID, tier },
  metadata,
});

export const editTier = (changes: TierChanges, metadata: ActorMetadata = asHolder(), tierId = TIER_ID): Commands.EditTier => ({
  type: 'EditTier',
  data: { campaignId: CAMPAIGN_ID, tierId, changes },
  metadata,
});

export const closeTier = (metadata: ActorMetadata = asHolder(), tierId = TIER_ID): Commands.CloseTier => ({
  type: 'CloseTier',
  data: { campaignId: CAMPAIGN_ID, tierId },
  metadata,
});

export const removeTier = (metadata: ActorMetadata = asHolder(), tierId = TIER_ID): Commands.RemoveTier => ({
  type: 'RemoveTier',
  data: { campaignId: CAMPAIGN_ID, tierId },
  metadata,
});

export const postCampaignUpdate = (
  data: Partial<Omit<Commands.PostCampaignUpdate['data'], 'campaignId'>> = {},
  metadata: ActorMetadata = asHolder(),
): Commands.PostCampaignUpdate => ({
  type: 'PostCampaignUpdate',
  data: { campaignId: CAMPAIGN_ID, updateId: UPDATE_ID, title: 'Le four est commandé', body: 'Livraison en mai.', ...data },
  metadata,
});

// Events, as the commands above decide them at their default times

export const campaignCreated = (data: Partial<Events.CampaignCreated['data']> = {}): Events.CampaignCreated => {
  // The standard campaign has no plain-language summary: a test about one gives it (`data`).
  const { stretchGoals = [], summary = '', story = '', plainLanguageSummary: _none, ...rest } = campaignData;
  return {
    type: 'CampaignCreated',
    data: { ...rest, stretchGoals, summary, story, holderId: HOLDER_ID, createdAt: NOW, ...data },
  };
};

export const campaignEdited = (changes: CampaignChanges, editedAt = NOW): Events.CampaignEdited => ({
  type: 'CampaignEdited',
  data: { campaignId: CAMPAIGN_ID, changes, editedAt },
});

export const campaignSubmitted = (submittedAt = NOW): Events.CampaignSubmitted => ({
  type: 'CampaignSubmitted',
  data: { campaignId: CAMPAIGN_ID, goal: GOAL, startsAt: STARTS_AT, deadline: DEADLINE, submittedAt },
});

export const campaignApproved = (approvedBy = MODERATOR_ID, approvedAt = NOW): Events.CampaignApproved => ({
  type: 'CampaignApproved',
  data: {
    campaignId: CAMPAIGN_ID,
    approvedBy,
    startsAt: STARTS_AT,
    deadline: DEADLINE,
    approvedAt,
    holderId: HOLDER_ID,
    title: campaignData.title,
  },
});

export const campaignRejected = (reason = 'Précisez le budget.', rejectedAt = NOW): Events.CampaignRejected => ({
  type: 'CampaignRejected',
  data: { campaignId: CAMPAIGN_ID, rejectedBy: MODERATOR_ID, reason, rejectedAt, holderId: HOLDER_ID, title: campaignData.title },
});

export const campaignLaunched = (
  launchedAt = STARTS_AT,
  fundingModel: Events.CampaignLaunched['data']['fundingModel'] = 'all_or_nothing',
): Events.CampaignLaunched => ({
  type: 'CampaignLaunched',
  data: {
    campaignId: CAMPAIGN_ID,
    holderId: HOLDER_ID,
    title: campaignData.title,
    fundingModel,
    goal: GOAL,
    startsAt: STARTS_AT,
    deadline: DEADLINE,
    departement: '62',
    launchedAt,
  },
});

export const campaignDeadlineReached = (
  reachedAt = DEADLINE,
  fundingModel: Events.CampaignDeadlineReached['data']['fundingModel'] = 'all_or_nothing',
): Events.CampaignDeadlineReached => ({
  type: 'CampaignDeadlineReached',
  data: { campaignId: CAMPAIGN_ID, fundingModel, goal: GOAL, deadline: DEADLINE, reachedAt },
});

const outcome = (committedTotal: Money, backers: number, closedAt: string) => ({
  campaignId: CAMPAIGN_ID,
  goal: GOAL,
  committedTotal,
  backers,
  closedAt,
});

export const campaignSucceeded = (committedTotal: Money, backers = 120, closedAt = DEADLINE): Events.CampaignSucceeded => ({
  type: 'CampaignSucceeded',
  data: outcome(committedTotal, backers, closedAt),
});

export const campaignFailed = (committedTotal: Money, backers = 120, closedAt = DEADLINE): Events.CampaignFailed => ({
  type: 'CampaignFailed',
  data: outcome(committedTotal, backers, closedAt),
});

export const campaignEnded = (committedTotal: Money, backers = 120, closedAt = DEADLINE): Events.CampaignEnded => ({
  type: 'CampaignEnded',
  data: outcome(committedTotal, backers, closedAt),
});

export const campaignCancelled = (
  previousStatus: 'approved' | 'live' = 'live',
  cancelledBy = HOLDER_ID,
  cancelledAt = NOW,
): Events.CampaignCancelled => ({
  type: 'CampaignCancelled',
  data: { campaignId: CAMPAIGN_ID, cancelledBy, reason: 'Le local a été vendu.', previousStatus, cancelledAt },
});

export const tierAdded = (tier: Partial<Tier> = {}, addedAt = NOW): Events.TierAdded => ({
  type: 'TierAdded',
  data: { campaignId: CAMPAIGN_ID, tier: { ...tierDefinition(), status: 'open', ...tier }, addedAt },
});

export const tierEdited = (changes: TierChanges, editedAt = NOW, tierId = TIER_ID): Events.TierEdited => ({
  type: 'TierEdited',
  data: { campaignId: CAMPAIGN_ID, tierId, changes, editedAt },
});

export const tierClosed = (closedAt = NOW, tierId = TIER_ID): Events.TierClosed => ({
  type: 'TierClosed',
  data: { campaignId: CAMPAIGN_ID, tierId, closedAt },
});

export const tierRemoved = (removedAt = NOW, tierId = TIER_ID): Events.TierRemoved => ({
  type: 'TierRemoved',
  data: { campaignId: CAMPAIGN_ID, tierId, removedAt },
});

export const campaignUpdatePosted = (postedAt = NOW): Events.CampaignUpdatePosted => ({
  type: 'CampaignUpdatePosted',
  data: {
    campaignId: CAMPAIGN_ID,
    update: { updateId: UPDATE_ID, title: 'Le four est commandé', body: 'Livraison en mai.', postedAt },
  },
});

// Histories: the events that bring the campaign to a status

export const aDraft = (created: Partial<Events.CampaignCreated['data']> = {}): Events.CampaignEvent[] => [
  campaignCreated(created),
];
export const aSubmittedCampaign = (): Events.CampaignEvent[] => [...aDraft(), campaignSubmitted()];
export const anApprovedCampaign = (): Events.CampaignEvent[] => [...aSubmittedCampaign(), campaignApproved()];
export const aLiveCampaign = (): Events.CampaignEvent[] => [...anApprovedCampaign(), campaignLaunched()];
export const aKeepItAllLiveCampaign = (): Events.CampaignEvent[] => [
  campaignCreated({ fundingModel: 'keep_it_all' }),
  campaignSubmitted(),
  campaignApproved(),
  campaignLaunched(STARTS_AT, 'keep_it_all'),
];
/** Past its deadline, waiting for the pledge service's tally (ADR 0008). */
export const aClosingCampaign = (): Events.CampaignEvent[] => [...aLiveCampaign(), campaignDeadlineReached()];
export const aKeepItAllClosingCampaign = (): Events.CampaignEvent[] => [
  ...aKeepItAllLiveCampaign(),
  campaignDeadlineReached(DEADLINE, 'keep_it_all'),
];

// Changes once approved (ADR 0012)

export const NEW_IMAGE = 'https://images.example.org/four-2.jpg';

export const acknowledgeCampaignChanges = (
  version: number,
  metadata: ActorMetadata = asModerator(),
): Commands.AcknowledgeCampaignChanges => ({
  type: 'AcknowledgeCampaignChanges',
  data: { campaignId: CAMPAIGN_ID, version },
  metadata,
});

export const refuseCampaignImage = (
  version: number,
  reason = 'Cette image montre une marque.',
  metadata: ActorMetadata = asModerator(),
): Commands.RefuseCampaignImage => ({
  type: 'RefuseCampaignImage',
  data: { campaignId: CAMPAIGN_ID, version, reason },
  metadata,
});

export const campaignPublicTextChanged = (
  changes: Events.CampaignPublicTextChanged['data']['changes'],
  before: Events.CampaignPublicTextChanged['data']['before'],
  changeVersion = 1,
  changedAt = NOW,
): Events.CampaignPublicTextChanged => ({
  type: 'CampaignPublicTextChanged',
  data: { campaignId: CAMPAIGN_ID, changes, before, changeVersion, changedAt },
});

export const campaignImageChangeProposed = (
  imageUrl = NEW_IMAGE,
  changeVersion = 1,
  shownImageUrl: string | undefined = campaignData.imageUrl,
  proposedAt = NOW,
): Events.CampaignImageChangeProposed => ({
  type: 'CampaignImageChangeProposed',
  data: { campaignId: CAMPAIGN_ID, imageUrl, ...(shownImageUrl !== undefined && { shownImageUrl }), changeVersion, proposedAt },
});

export const campaignImageChangeAcknowledged = (
  imageUrl = NEW_IMAGE,
  acknowledgedBy = MODERATOR_ID,
): Events.CampaignImageChangeAcknowledged => ({
  type: 'CampaignImageChangeAcknowledged',
  data: { campaignId: CAMPAIGN_ID, imageUrl, acknowledgedBy, acknowledgedAt: NOW },
});

export const campaignImageChangeRefused = (
  imageUrl = NEW_IMAGE,
  reason = 'Cette image montre une marque.',
  refusedBy = MODERATOR_ID,
): Events.CampaignImageChangeRefused => ({
  type: 'CampaignImageChangeRefused',
  data: { campaignId: CAMPAIGN_ID, imageUrl, refusedBy, reason, refusedAt: NOW },
});

export const campaignChangesAcknowledged = (
  changeVersion: number,
  parts: Events.CampaignChangesAcknowledged['data']['parts'],
  acknowledgedBy = MODERATOR_ID,
): Events.CampaignChangesAcknowledged => ({
  type: 'CampaignChangesAcknowledged',
  data: { campaignId: CAMPAIGN_ID, acknowledgedBy, changeVersion, parts, acknowledgedAt: NOW },
});

export const campaignImageRemoved = (removedAt = NOW): Events.CampaignImageRemoved => ({
  type: 'CampaignImageRemoved',
  data: { campaignId: CAMPAIGN_ID, removedAt },
});

export const campaignStretchGoalsAdded = (
  stretchGoals: Events.CampaignStretchGoalsAdded['data']['stretchGoals'],
  changeVersion = 1,
  addedAt = NOW,
): Events.CampaignStretchGoalsAdded => ({
  type: 'CampaignStretchGoalsAdded',
  data: { campaignId: CAMPAIGN_ID, stretchGoals, changeVersion, addedAt },
});
