import { eur } from '@elan/domain-kernel';
import type * as Events from '../../campaign/campaign.events';
import { campaignFixtures } from '../../campaign/testing';
import type { TierStockEvent } from '../../tier-stock/tier-stock.events';
import type { Instant, Tier } from '../../campaign/campaign.values';

/**
 * Event builders for read-model tests: the campaign fixtures' complete bakery campaign, under
 * any id and at any time, so a test can fill a catalog with many campaigns.
 */

const { HOLDER_ID, MODERATOR_ID, GOAL } = campaignFixtures;

/** A valid UUID v7 per number, sorting like the number. */
export const uuidOf = (prefix: 'c' | 'd' | 'e' | 'f' | 'a', n: number): string =>
  `01950000-0000-7000-8000-${prefix}${n.toString(16).padStart(11, '0')}`;

/** An instant `days` days (fractions allowed) after 2025-03-01T09:00Z. */
export const day = (days: number): Instant => new Date(Date.parse('2025-03-01T09:00:00.000Z') + days * 86_400_000).toISOString();

export const created = (campaignId: string, data: Partial<Events.CampaignCreated['data']> = {}): Events.CampaignCreated =>
  campaignFixtures.campaignCreated({ campaignId, createdAt: day(0), ...data });

export const edited = (
  campaignId: string,
  changes: Events.CampaignEdited['data']['changes'],
  at = day(0.1),
): Events.CampaignEdited => ({
  type: 'CampaignEdited',
  data: { campaignId, changes, editedAt: at },
});

export interface Plan {
  readonly startsAt?: Instant;
  readonly deadline?: Instant;
}

export const submitted = (campaignId: string, at = day(0.2), plan: Plan = {}): Events.CampaignSubmitted => ({
  type: 'CampaignSubmitted',
  data: { campaignId, goal: GOAL, startsAt: plan.startsAt ?? day(9), deadline: plan.deadline ?? day(39), submittedAt: at },
});

export const rejected = (campaignId: string, reason = 'Précisez le budget.', at = day(0.3)): Events.CampaignRejected => ({
  type: 'CampaignRejected',
  data: { campaignId, rejectedBy: MODERATOR_ID, reason, rejectedAt: at },
});

export const approved = (campaignId: string, at = day(1), plan: Plan = {}): Events.CampaignApproved => ({
  type: 'CampaignApproved',
  data: {
    campaignId,
    approvedBy: MODERATOR_ID,
    startsAt: plan.startsAt ?? day(9),
    deadline: plan.deadline ?? day(39),
    approvedAt: at,
  },
});

export const launched = (campaignId: string, at = day(9), plan: Plan = {}): Events.CampaignLaunched => ({
  type: 'CampaignLaunched',
  data: {
    campaignId,
    holderId: HOLDER_ID,
    title: 'Un four à pain pour le quartier',
    fundingModel: 'all_or_nothing',
    goal: GOAL,
    startsAt: plan.startsAt ?? at,
    deadline: plan.deadline ?? day(39),
    departement: '62',
    launchedAt: at,
  },
});

export const closed = (
  campaignId: string,
  type: 'CampaignSucceeded' | 'CampaignFailed' | 'CampaignEnded',
  committed: number,
  backers: number,
  at = day(39),
): Events.CampaignSucceeded | Events.CampaignFailed | Events.CampaignEnded => ({
  type,
  data: { campaignId, goal: GOAL, committedTotal: eur(committed), backers, closedAt: at },
});

export const cancelled = (campaignId: string, at = day(12)): Events.CampaignCancelled => ({
  type: 'CampaignCancelled',
  data: { campaignId, cancelledBy: HOLDER_ID, reason: 'Le local a été vendu.', previousStatus: 'live', cancelledAt: at },
});

export const tierAdded = (campaignId: string, tier: Partial<Tier> & { tierId: string }, at = day(0.1)): Events.TierAdded => ({
  type: 'TierAdded',
  data: { campaignId, tier: { ...campaignFixtures.tierDefinition(), status: 'open', ...tier }, addedAt: at },
});

export const tierEdited = (
  campaignId: string,
  tierId: string,
  changes: Events.TierEdited['data']['changes'],
): Events.TierEdited => ({
  type: 'TierEdited',
  data: { campaignId, tierId, changes, editedAt: day(0.15) },
});

export const tierClosed = (campaignId: string, tierId: string, at = day(10)): Events.TierClosed => ({
  type: 'TierClosed',
  data: { campaignId, tierId, closedAt: at },
});

export const tierRemoved = (campaignId: string, tierId: string): Events.TierRemoved => ({
  type: 'TierRemoved',
  data: { campaignId, tierId, removedAt: day(0.15) },
});

export const updatePosted = (campaignId: string, updateId: string, title: string, at: Instant): Events.CampaignUpdatePosted => ({
  type: 'CampaignUpdatePosted',
  data: { campaignId, update: { updateId, title, body: `${title} — les détails.`, postedAt: at } },
});

/** The events that bring a campaign to a status, approved on `approvedAt` and launched on `launchedAt`. */
export const throughTo = (
  campaignId: string,
  status: 'draft' | 'submitted' | 'approved' | 'live',
  times: { approvedAt?: Instant; launchedAt?: Instant; deadline?: Instant } = {},
  data: Partial<Events.CampaignCreated['data']> = {},
): Events.CampaignEvent[] => {
  const plan = { startsAt: times.launchedAt ?? day(9), deadline: times.deadline ?? day(39) };
  const steps: Events.CampaignEvent[] = [created(campaignId, data)];
  if (status === 'draft') return steps;
  steps.push(submitted(campaignId, day(0.2), plan));
  if (status === 'submitted') return steps;
  steps.push(approved(campaignId, times.approvedAt ?? day(1), plan));
  if (status === 'approved') return steps;
  steps.push(launched(campaignId, plan.startsAt, plan));
  return steps;
};

// Tier stock, as the stock decider records it in `tierstock-<campaignId>_<tierId>`: tests append
// to the real stream id, so the projection meets the ids it meets in production.
export { tierStockStream } from '../../tier-stock/application/tier-stock.service';

export const reserved = (
  campaignId: string,
  tierId: string,
  pledgeId: string,
  reservationId: string,
  at = day(10),
): TierStockEvent => ({
  type: 'TierUnitReserved',
  data: {
    tierId,
    campaignId,
    pledgeId,
    reservationId,
    reservedAt: at,
    expiresAt: new Date(Date.parse(at) + 1_800_000).toISOString(),
  },
});

export const confirmed = (tierId: string, pledgeId: string, reservationId: string, at = day(10.01)): TierStockEvent => ({
  type: 'TierUnitConfirmed',
  data: { tierId, pledgeId, reservationId, confirmedAt: at },
});

export const released = (tierId: string, pledgeId: string, reservationId: string, at = day(10.05)): TierStockEvent => ({
  type: 'TierUnitReleased',
  data: { tierId, pledgeId, reservationId, reason: 'abandoned', releasedAt: at },
});

// Changes once approved (ADR 0012)

export const textChanged = (
  campaignId: string,
  changes: Events.CampaignPublicTextChanged['data']['changes'],
  changeVersion: number,
  at: Instant,
): Events.CampaignPublicTextChanged => {
  const { title, summary, plainLanguageSummary = null, story } = campaignFixtures.campaignCreated().data;
  const words: Record<string, string | null> = { title, summary, plainLanguageSummary, story };
  const before = Object.fromEntries(Object.keys(changes).map((field) => [field, words[field]]));
  return { type: 'CampaignPublicTextChanged', data: { campaignId, changes, before, changeVersion, changedAt: at } };
};

export const imageProposed = (
  campaignId: string,
  imageUrl: string,
  changeVersion: number,
  at: Instant,
): Events.CampaignImageChangeProposed => ({
  type: 'CampaignImageChangeProposed',
  data: { campaignId, imageUrl, shownImageUrl: 'https://images.example.org/four.jpg', changeVersion, proposedAt: at },
});

export const imageAcknowledged = (campaignId: string, imageUrl: string, at: Instant): Events.CampaignImageChangeAcknowledged => ({
  type: 'CampaignImageChangeAcknowledged',
  data: { campaignId, imageUrl, acknowledgedBy: MODERATOR_ID, acknowledgedAt: at },
});

export const imageRefused = (
  campaignId: string,
  imageUrl: string,
  reason: string,
  at: Instant,
): Events.CampaignImageChangeRefused => ({
  type: 'CampaignImageChangeRefused',
  data: { campaignId, imageUrl, refusedBy: MODERATOR_ID, reason, refusedAt: at },
});

export const changesAcknowledged = (
  campaignId: string,
  changeVersion: number,
  parts: Events.CampaignChangesAcknowledged['data']['parts'],
  at: Instant,
): Events.CampaignChangesAcknowledged => ({
  type: 'CampaignChangesAcknowledged',
  data: { campaignId, acknowledgedBy: MODERATOR_ID, changeVersion, parts, acknowledgedAt: at },
});

export const imageRemoved = (campaignId: string, at: Instant): Events.CampaignImageRemoved => ({
  type: 'CampaignImageRemoved',
  data: { campaignId, removedAt: at },
});

export const stretchGoalsAdded = (
  campaignId: string,
  stretchGoals: Events.CampaignStretchGoalsAdded['data']['stretchGoals'],
  changeVersion: number,
  at: Instant,
): Events.CampaignStretchGoalsAdded => ({
  type: 'CampaignStretchGoalsAdded',
  data: { campaignId, stretchGoals, changeVersion, addedAt: at },
});
