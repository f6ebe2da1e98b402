import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { CampaignCreated, CampaignEdited, CampaignEvent } from '../campaign/campaign.events';
import type { Instant } from '../campaign/campaign.values';
import {
  changesAcknowledged,
  contentChanged,
  imageChangeAcknowledged,
  imageChangeProposed,
  imageChangeRefused,
  imageRemoved,
  publicTextChanged,
  stretchGoalsAdded,
  wordsReviewed,
} from './campaign-changes.projection';
import { addTier, addUpdate, closeTier, editTier, removeTier, replaceStretchGoals } from './campaign-content.projection';
import { seedFromTotals } from '../pledges/pledge-totals';
import { CampaignView } from './campaign-view.entity';
import { schemaOf } from './read-model.data-source';

/**
 * Folds a `campaign-<id>` event into the read models. Idempotent under replay: each event first
 * claims the campaign row by moving its `version` to the event's stream position, and an event
 * at or below the row's version has already been applied and changes nothing. Writes use query
 * builders only: `save()` would open and commit a transaction of its own, inside the
 * subscription's, and so commit the batch early without its checkpoint.
 */
export const projectCampaignEvent = async (m: EntityManager, event: CampaignEvent, position: number): Promise<void> => {
  if (event.type === 'CampaignCreated') return created(m, event.data, position);
  if (!(await claim(m, event.data.campaignId, position))) return;
  const { campaignId } = event.data;
  switch (event.type) {
    case 'CampaignEdited':
      return edited(m, event.data);
    case 'CampaignSubmitted': {
      const { goal, startsAt, deadline, submittedAt } = event.data;
      return set(m, campaignId, {
        status: 'submitted',
        goalAmount: goal.amount,
        currency: goal.currency,
        startsAt: at(startsAt),
        deadline: at(deadline),
        submittedAt: at(submittedAt),
        rejectionReason: null,
        rejectedAt: null,
      });
    }
    case 'CampaignApproved': {
      const { startsAt, deadline, approvedAt } = event.data;
      return set(m, campaignId, {
        status: 'approved',
        startsAt: at(startsAt),
        deadline: at(deadline),
        approvedAt: at(approvedAt),
        ...wordsReviewed,
      });
    }
    case 'CampaignRejected':
      return set(m, campaignId, { status: 'draft', rejectionReason: event.data.reason, rejectedAt: at(event.data.rejectedAt) });
    case 'CampaignLaunched':
      return set(m, campaignId, { status: 'live', launchedAt: at(event.data.launchedAt) });
    case 'CampaignDeadlineReached':
      return set(m, campaignId, { status: 'closing' });
    case 'CampaignSucceeded':
    case 'CampaignFailed':
    case 'CampaignEnded': {
      const { committedTotal, backers, closedAt } = event.data;
      return set(m, campaignId, {
        status: OUTCOMES[event.type],
        // The tally's (ADR 0008); what is raised stays the running totals' (collections, refunds).
        committedAmount: committedTotal.amount,
        backers,
        closedAt: at(closedAt),
      });
    }
    case 'CampaignCancelled':
      return set(m, campaignId, {
        status: 'cancelled',
        cancelledAt: at(event.data.cancelledAt),
        cancellationReason: event.data.reason,
      });
    case 'TierAdded':
      await addTier(m, event.data.campaignId, event.data.tier, position);
      return contentChanged(m, campaignId, 'tiers', event.data.addedAt);
    case 'TierEdited':
      await editTier(m, event.data);
      return contentChanged(m, campaignId, 'tiers', event.data.editedAt);
    case 'TierClosed':
      return closeTier(m, event.data);
    case 'TierRemoved':
      return removeTier(m, event.data);
    case 'CampaignUpdatePosted':
      await addUpdate(m, event.data.campaignId, event.data.update);
      return contentChanged(m, campaignId, 'updates', event.data.update.postedAt);
    case 'CampaignPublicTextChanged':
      return publicTextChanged(m, event.data);
    case 'CampaignImageChangeProposed':
      return imageChangeProposed(m, event.data);
    case 'CampaignImageRemoved':
      return imageRemoved(m, event.data);
    case 'CampaignStretchGoalsAdded':
      return stretchGoalsAdded(m, event.data);
    case 'CampaignImageChangeAcknowledged':
      return imageChangeAcknowledged(m, event.data);
    case 'CampaignImageChangeRefused':
      return imageChangeRefused(m, event.data);
    case 'CampaignChangesAcknowledged':
      return changesAcknowledged(m, event.data);
  }
};

/** The status each closing event leads to. */
const OUTCOMES = { CampaignSucceeded: 'succeeded', CampaignFailed: 'failed', CampaignEnded: 'ended' } as const;

/** The platform's home currency, until a goal names one. */
const DEFAULT_CURRENCY = 'EUR';

const at = (instant: Instant): Date => new Date(instant);
const atOrNull = (instant: Instant | undefined): Date | null => (instant === undefined ? null : at(instant));

/** True when the event is newer than the row: the row now records it as applied. */
const claim = async (m: EntityManager, campaignId: string, position: number): Promise<boolean> => {
  const result = await m
    .createQueryBuilder()
    .update(CampaignView)
    .set({ version: position })
    .where('campaignId = :campaignId AND version < :position', { campaignId, position })
    .updateEntity(false)
    .execute();
  return result.affected === 1;
};

const set = async (m: EntityManager, campaignId: string, values: QueryDeepPartialEntity<CampaignView>): Promise<void> => {
  if (Object.keys(values).length === 0) return;
  await m
    .createQueryBuilder()
    .update(CampaignView)
    .set(values)
    .where('campaignId = :campaignId', { campaignId })
    .updateEntity(false)
    .execute();
};

const created = async (m: EntityManager, data: CampaignCreated['data'], position: number): Promise<void> => {
  const inserted = await m
    .createQueryBuilder()
    .insert()
    .into(CampaignView)
    .values({
      campaignId: data.campaignId,
      holderId: data.holderId,
      title: data.title,
      summary: data.summary,
      plainLanguageSummary: data.plainLanguageSummary ?? null,
      story: data.story,
      category: data.category,
      imageUrl: data.imageUrl ?? null,
      departement: data.location.departement,
      commune: data.location.commune ?? null,
      status: 'draft',
      fundingModel: data.fundingModel,
      currency: data.goal?.currency ?? DEFAULT_CURRENCY,
      goalAmount: data.goal?.amount ?? null,
      committedAmount: 0,
      raisedAmount: 0,
      backers: 0,
      startsAt: atOrNull(data.startsAt),
      deadline: atOrNull(data.deadline),
      createdAt: at(data.createdAt),
      version: position,
    })
    .orIgnore()
    .returning('campaign_id')
    .updateEntity(false)
    .execute();
  // Replayed: the row exists, and its stretch goals may have been edited since.
  if ((inserted.raw as unknown[]).length === 0) return;
  await replaceStretchGoals(m, data.campaignId, data.stretchGoals);
  // A rebuild: the pledges counted so far are not in the campaign's log, but in its totals.
  await seedFromTotals((sql, parameters) => m.query(sql, parameters), schemaOf(m.connection), data.campaignId);
};

const edited = async (m: EntityManager, { campaignId, changes }: CampaignEdited['data']): Promise<void> => {
  const values: QueryDeepPartialEntity<CampaignView> = withoutUndefined({
    title: changes.title,
    summary: changes.summary,
    plainLanguageSummary: changes.plainLanguageSummary, // null: removed
    story: changes.story,
    category: changes.category,
    fundingModel: changes.fundingModel,
    imageUrl: changes.imageUrl, // null: the image was removed
    goalAmount: changes.goal?.amount,
    currency: changes.goal?.currency,
    startsAt: changes.startsAt === undefined ? undefined : at(changes.startsAt),
    deadline: changes.deadline === undefined ? undefined : at(changes.deadline),
    departement: changes.location?.departement,
    commune: changes.location === undefined ? undefined : (changes.location.commune ?? null),
  });
  await set(m, campaignId, values);
  if (changes.stretchGoals !== undefined) await replaceStretchGoals(m, campaignId, changes.stretchGoals);
};

const withoutUndefined = <T extends object>(values: T): Partial<T> =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
