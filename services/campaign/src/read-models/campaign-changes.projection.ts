import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type {
  CampaignChangesAcknowledged,
  CampaignImageChangeAcknowledged,
  CampaignImageChangeProposed,
  CampaignImageChangeRefused,
  CampaignImageRemoved,
  CampaignPublicTextChanged,
  CampaignStretchGoalsAdded,
} from '../campaign/campaign.events';
import { WATCHED_PARTS, type Instant } from '../campaign/campaign.values';
import { appendStretchGoals } from './campaign-content.projection';
import { PUBLIC_STATUSES_SQL as REVIEWED_STATUSES_SQL } from './read-model.migrations';
import { CampaignView } from './campaign-view.entity';

/**
 * Changes to a campaign once approved (ADR 0012): the words on the page at once, the image once
 * a moderator acknowledges it, and for moderators what changed since they last looked. Called
 * only for an event that claimed its campaign row (see campaign-view.projection.ts), so the
 * array and date arithmetic below runs once per event even when the log is replayed.
 */

/** `changed_parts` with `:parts` added, kept in `WATCHED_PARTS` order so a replay writes the same array. */
const withParts = () =>
  `ARRAY(SELECT p FROM unnest(CAST(:watched AS text[])) WITH ORDINALITY AS w(p, i)
         WHERE p = ANY(changed_parts) OR p = ANY(CAST(:parts AS text[])) ORDER BY i)`;

const withoutImage = "array_remove(changed_parts, 'imageUrl')";

const update = async (
  m: EntityManager,
  campaignId: string,
  values: QueryDeepPartialEntity<CampaignView>,
  parameters: Record<string, unknown> = {},
): Promise<void> => {
  await m
    .createQueryBuilder()
    .update(CampaignView)
    .set(values)
    .where('campaignId = :campaignId', { campaignId })
    .setParameters({ watched: WATCHED_PARTS, ...parameters })
    .updateEntity(false)
    .execute();
};

export const publicTextChanged = (
  m: EntityManager,
  { campaignId, changes, changeVersion, changedAt }: CampaignPublicTextChanged['data'],
) => {
  const parts = (['title', 'summary', 'plainLanguageSummary', 'story'] as const).filter((part) => changes[part] !== undefined);
  return update(
    m,
    campaignId,
    {
      ...changes,
      changeVersion,
      changedParts: withParts,
      changedSince: () => 'coalesce(changed_since, CAST(:changedAt AS timestamptz))',
      lastChangedAt: new Date(changedAt),
    },
    { changedAt, parts },
  );
};

/** A newer proposal replaces the pending one, and the last refusal has been answered. */
export const imageChangeProposed = (
  m: EntityManager,
  { campaignId, imageUrl, changeVersion, proposedAt }: CampaignImageChangeProposed['data'],
) =>
  update(
    m,
    campaignId,
    {
      pendingImageUrl: imageUrl,
      imageProposedAt: new Date(proposedAt),
      refusedImageUrl: null,
      imageRefusalReason: null,
      imageRefusedAt: null,
      changeVersion,
      changedParts: withParts,
      changedSince: () => 'coalesce(changed_since, CAST(:proposedAt AS timestamptz))',
      lastChangedAt: new Date(proposedAt),
    },
    { proposedAt, parts: ['imageUrl'] },
  );

/** The image is settled: nothing waits, and the campaign leaves the list if nothing else changed. */
const imageSettled: QueryDeepPartialEntity<CampaignView> = {
  pendingImageUrl: null,
  imageProposedAt: null,
  changedParts: () => withoutImage,
  changedSince: () => `CASE WHEN cardinality(${withoutImage}) = 0 THEN NULL ELSE changed_since END`,
};

export const imageChangeAcknowledged = (m: EntityManager, { campaignId, imageUrl }: CampaignImageChangeAcknowledged['data']) =>
  update(m, campaignId, { ...imageSettled, imageUrl });

export const imageChangeRefused = (
  m: EntityManager,
  { campaignId, imageUrl, reason, refusedAt }: CampaignImageChangeRefused['data'],
) =>
  update(m, campaignId, {
    ...imageSettled,
    refusedImageUrl: imageUrl,
    imageRefusalReason: reason,
    imageRefusedAt: new Date(refusedAt),
  });

/** Removing the image needs no review and withdraws a proposal (ADR 0012). */
export const imageRemoved = (m: EntityManager, { campaignId }: CampaignImageRemoved['data']) =>
  update(m, campaignId, { ...imageSettled, imageUrl: null });

/** Stretch goals added once approved come after the existing ones; the row lists them for moderators. */
export const stretchGoalsAdded = async (
  m: EntityManager,
  { campaignId, stretchGoals, changeVersion, addedAt }: CampaignStretchGoalsAdded['data'],
) => {
  await appendStretchGoals(m, campaignId, stretchGoals);
  await update(
    m,
    campaignId,
    {
      changeVersion,
      changedParts: withParts,
      changedSince: () => 'coalesce(changed_since, CAST(:addedAt AS timestamptz))',
      lastChangedAt: new Date(addedAt),
    },
    { addedAt, parts: ['stretchGoals'] },
  );
};

/**
 * A tier added or reworded, or an update posted, once approved: the event carries no number, so
 * the row counts it as the decider does. Before approval nothing is listed.
 */
export const contentChanged = async (
  m: EntityManager,
  campaignId: string,
  part: 'tiers' | 'updates',
  at: Instant,
): Promise<void> => {
  await m
    .createQueryBuilder()
    .update(CampaignView)
    .set({
      changeVersion: () => 'change_version + 1',
      changedParts: withParts,
      changedSince: () => 'coalesce(changed_since, CAST(:at AS timestamptz))',
      lastChangedAt: new Date(at),
    })
    .where(`campaignId = :campaignId AND status IN ${REVIEWED_STATUSES_SQL}`, { campaignId })
    .setParameters({ watched: WATCHED_PARTS, parts: [part], at })
    .updateEntity(false)
    .execute();
};

/** What the moderator saw becomes the reference for the next changes. */
export const wordsReviewed: QueryDeepPartialEntity<CampaignView> = {
  reviewedTitle: () => 'title',
  reviewedSummary: () => 'summary',
  reviewedPlainLanguageSummary: () => 'plain_language_summary',
  reviewedStory: () => 'story',
};

export const changesAcknowledged = (m: EntityManager, { campaignId }: CampaignChangesAcknowledged['data']) =>
  update(m, campaignId, { ...wordsReviewed, changedParts: [], changedSince: null });
