import { money } from '@elan/domain-kernel';
import type { Instant } from '../campaign/campaign.values';
import { percentOfGoal, remainingUnits, stretchGoalReached, timeLeftSeconds } from './campaign-figures';
import type { CampaignCard, CampaignPage, ChangedCampaign, HolderCampaignCard, ImageRefusal } from './campaign-catalog.types';
import type { CampaignUpdateView } from './campaign-update-view.entity';
import type { CampaignView } from './campaign-view.entity';
import type { StretchGoalView } from './stretch-goal-view.entity';
import type { TierView } from './tier-view.entity';

/** From rows to what the API shows: money as `Money`, instants as ISO strings, figures computed at `now`. */

const iso = (date: Date | null): Instant | null => date?.toISOString() ?? null;

export const toCard = (row: CampaignView, now: Date): CampaignCard => ({
  campaignId: row.campaignId,
  holderId: row.holderId,
  title: row.title,
  summary: row.summary,
  plainLanguageSummary: row.plainLanguageSummary,
  category: row.category,
  imageUrl: row.imageUrl,
  departement: row.departement,
  commune: row.commune,
  status: row.status,
  fundingModel: row.fundingModel,
  goal: row.goalAmount === null ? null : money(row.goalAmount, row.currency),
  committed: money(row.committedAmount, row.currency),
  raised: money(row.raisedAmount, row.currency),
  backers: row.backers,
  percentOfGoal: percentOfGoal(row.committedAmount, row.goalAmount),
  startsAt: iso(row.startsAt),
  deadline: iso(row.deadline),
  launchedAt: iso(row.launchedAt),
  timeLeftSeconds: timeLeftSeconds(row.status, row.deadline, now),
});

export const toHolderCard = (row: CampaignView, now: Date): HolderCampaignCard => ({
  ...toCard(row, now),
  createdAt: row.createdAt.toISOString(),
  submittedAt: iso(row.submittedAt),
  rejectionReason: row.rejectionReason,
  pendingImageUrl: row.pendingImageUrl,
  imageRefusal: imageRefusalOf(row),
});

const imageRefusalOf = (row: CampaignView): ImageRefusal | null =>
  row.refusedImageUrl === null || row.imageRefusalReason === null || row.imageRefusedAt === null
    ? null
    : { imageUrl: row.refusedImageUrl, reason: row.imageRefusalReason, refusedAt: row.imageRefusedAt.toISOString() };

/** What moderators read in the "changed since approval" list; only rows with a `changedSince` are listed. */
export const toChangedCampaign = (row: CampaignView): ChangedCampaign => ({
  campaignId: row.campaignId,
  holderId: row.holderId,
  title: row.title,
  status: row.status,
  version: row.changeVersion,
  changedParts: row.changedParts,
  changedSince: (row.changedSince ?? row.lastChangedAt ?? row.createdAt).toISOString(),
  lastChangedAt: (row.lastChangedAt ?? row.createdAt).toISOString(),
  imageUrl: row.imageUrl,
  pendingImageUrl: row.pendingImageUrl,
  reviewed: {
    title: row.reviewedTitle,
    summary: row.reviewedSummary,
    plainLanguageSummary: row.reviewedPlainLanguageSummary,
    story: row.reviewedStory,
  },
});

export interface CampaignPageRows {
  readonly campaign: CampaignView;
  readonly tiers: readonly TierView[];
  readonly stretchGoals: readonly StretchGoalView[];
  readonly updates: readonly CampaignUpdateView[];
}

export const toPage = ({ campaign, tiers, stretchGoals, updates }: CampaignPageRows, now: Date): CampaignPage => {
  const committed = { amount: campaign.committedAmount, currency: campaign.currency };
  return {
    ...toHolderCard(campaign, now),
    story: campaign.story,
    approvedAt: iso(campaign.approvedAt),
    closedAt: iso(campaign.closedAt),
    cancelledAt: iso(campaign.cancelledAt),
    cancellationReason: campaign.cancellationReason,
    tiers: tiers.map((tier) => ({
      tierId: tier.tierId,
      minimumAmount: money(tier.minimumAmount, tier.currency),
      title: tier.title,
      description: tier.description,
      quantityLimit: tier.quantityLimit,
      unitsTaken: tier.unitsTaken,
      remainingUnits: remainingUnits(tier.quantityLimit, tier.unitsTaken),
      estimatedDelivery: tier.estimatedDelivery,
      status: tier.status,
    })),
    stretchGoals: stretchGoals.map((goal) => ({
      stretchGoalId: goal.stretchGoalId,
      amount: money(goal.amount, goal.currency),
      description: goal.description,
      reached: stretchGoalReached(committed, goal),
    })),
    updates: updates.map((update) => ({
      updateId: update.updateId,
      title: update.title,
      body: update.body,
      postedAt: update.postedAt.toISOString(),
    })),
  };
};
