import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { TierClosed, TierEdited, TierRemoved } from '../campaign/campaign.events';
import type { CampaignUpdate, StretchGoal, Tier } from '../campaign/campaign.values';
import { CampaignUpdateView } from './campaign-update-view.entity';
import { StretchGoalView } from './stretch-goal-view.entity';
import { TierView } from './tier-view.entity';

/**
 * What a campaign is made of besides its row: tiers, stretch goals, updates. Called only for an
 * event that claimed its campaign row (see campaign-view.projection.ts), so each runs once per
 * event even when the log is replayed.
 */

/** Tiers are listed in the order they were added: `position` is the `TierAdded` stream position. */
export const addTier = async (m: EntityManager, campaignId: string, tier: Tier, position: number): Promise<void> => {
  await m
    .createQueryBuilder()
    .insert()
    .into(TierView)
    .values({
      campaignId,
      tierId: tier.tierId,
      position,
      minimumAmount: tier.minimumAmount.amount,
      currency: tier.minimumAmount.currency,
      title: tier.title,
      description: tier.description,
      quantityLimit: tier.quantityLimit,
      unitsTaken: 0,
      estimatedDelivery: tier.estimatedDelivery ?? null,
      status: tier.status,
    })
    .orIgnore()
    .updateEntity(false)
    .execute();
};

export const editTier = async (m: EntityManager, { campaignId, tierId, changes }: TierEdited['data']): Promise<void> => {
  const values: QueryDeepPartialEntity<TierView> = {};
  if (changes.title !== undefined) values.title = changes.title;
  if (changes.description !== undefined) values.description = changes.description;
  if (changes.estimatedDelivery !== undefined) values.estimatedDelivery = changes.estimatedDelivery; // null: removed
  if (changes.quantityLimit !== undefined) values.quantityLimit = changes.quantityLimit;
  if (changes.minimumAmount !== undefined) {
    values.minimumAmount = changes.minimumAmount.amount;
    values.currency = changes.minimumAmount.currency;
  }
  if (Object.keys(values).length > 0) await updateTier(m, campaignId, tierId, values);
};

export const closeTier = (m: EntityManager, { campaignId, tierId }: TierClosed['data']): Promise<void> =>
  updateTier(m, campaignId, tierId, { status: 'closed' });

export const removeTier = async (m: EntityManager, { campaignId, tierId }: TierRemoved['data']): Promise<void> => {
  await m
    .createQueryBuilder()
    .delete()
    .from(TierView)
    .where('campaignId = :campaignId AND tierId = :tierId', { campaignId, tierId })
    .execute();
};

const updateTier = async (
  m: EntityManager,
  campaignId: string,
  tierId: string,
  values: QueryDeepPartialEntity<TierView>,
): Promise<void> => {
  await m
    .createQueryBuilder()
    .update(TierView)
    .set(values)
    .where('campaignId = :campaignId AND tierId = :tierId', { campaignId, tierId })
    .updateEntity(false)
    .execute();
};

/** Edits carry the whole list of stretch goals: the stored one is replaced. */
export const replaceStretchGoals = async (
  m: EntityManager,
  campaignId: string,
  stretchGoals: readonly StretchGoal[],
): Promise<void> => {
  await m.createQueryBuilder().delete().from(StretchGoalView).where('campaignId = :campaignId', { campaignId }).execute();
  if (stretchGoals.length === 0) return;
  await m
    .createQueryBuilder()
    .insert()
    .into(StretchGoalView)
    .values(
      stretchGoals.map((goal, position) => ({
        campaignId,
        stretchGoalId: goal.stretchGoalId,
        position,
        amount: goal.amount.amount,
        currency: goal.amount.currency,
        description: goal.description,
      })),
    )
    .updateEntity(false)
    .execute();
};

/** Stretch goals added once approved go after the existing ones (ADR 0010: those are frozen). */
export const appendStretchGoals = async (
  m: EntityManager,
  campaignId: string,
  stretchGoals: readonly StretchGoal[],
): Promise<void> => {
  const existing = await m
    .createQueryBuilder(StretchGoalView, 'g')
    .where('g.campaignId = :campaignId', { campaignId })
    .getCount();
  await m
    .createQueryBuilder()
    .insert()
    .into(StretchGoalView)
    .values(
      stretchGoals.map((goal, index) => ({
        campaignId,
        stretchGoalId: goal.stretchGoalId,
        position: existing + index,
        amount: goal.amount.amount,
        currency: goal.amount.currency,
        description: goal.description,
      })),
    )
    .orIgnore()
    .updateEntity(false)
    .execute();
};

export const addUpdate = async (m: EntityManager, campaignId: string, update: CampaignUpdate): Promise<void> => {
  await m
    .createQueryBuilder()
    .insert()
    .into(CampaignUpdateView)
    .values({
      campaignId,
      updateId: update.updateId,
      title: update.title,
      body: update.body,
      postedAt: new Date(update.postedAt),
    })
    .orIgnore()
    .updateEntity(false)
    .execute();
};
