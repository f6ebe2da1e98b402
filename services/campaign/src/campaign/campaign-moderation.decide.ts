import { IllegalStateError } from '@elan/domain-kernel';
import { commandTime, existing, requireModerator, requireStatus } from './campaign-access';
import { definedOnly, invalid, text } from './campaign-fields';
import type { AcknowledgeCampaignChanges, RefuseCampaignImage } from './campaign.commands';
import type {
  CampaignChangesAcknowledged,
  CampaignEvent,
  CampaignImageChangeAcknowledged,
  CampaignImageChangeProposed,
  CampaignImageChangeRefused,
} from './campaign.events';
import type { CampaignIn, CampaignState } from './campaign.state';
import type { CampaignChanges, Instant, PublicText } from './campaign.values';

/**
 * What moderation sees of a campaign once approved (ADR 0012): new words are recorded apart and
 * shown at once; a new image waits for a moderator, who acknowledges or refuses it. A moderator
 * names the change they saw (`version`), so they never acknowledge one they did not see.
 */

const REASON = { max: 2_000, required: true } as const;

/** Once approved, every later status keeps its changes to review: one made while live may be seen after the end. */
const REVIEWED = ['approved', 'live', 'closing', 'succeeded', 'failed', 'ended', 'cancelled'] as const;

type ApprovedOrLive = CampaignIn<'approved' | 'live'>;

/**
 * The events an accepted edit of an approved or live campaign records, each change apart and
 * numbered: the words as `CampaignPublicTextChanged`, stretch goals added after the existing ones
 * (frozen ones were checked before) as `CampaignStretchGoalsAdded`, a new image as
 * `CampaignImageChangeProposed`. The image is compared with the one its holder sees (the pending
 * one, else the shown one); removing it needs no review and withdraws any proposal.
 */
export const editOnceApproved = (campaign: ApprovedOrLive, changes: CampaignChanges, at: Instant): CampaignEvent[] => {
  const { title, summary, plainLanguageSummary, story, imageUrl, stretchGoals } = changes;
  const words: PublicText = definedOnly({ title, summary, plainLanguageSummary, story });
  const { campaignId } = campaign;
  const events: CampaignEvent[] = [];
  let changeVersion = campaign.sinceApproval.changeVersion;
  const next = (): number => (changeVersion += 1);
  if (Object.keys(words).length > 0) {
    // A plain-language summary there was none of was `null` before, so the log says so.
    const before = Object.fromEntries(Object.keys(words).map((field) => [field, campaign[field as keyof PublicText] ?? null]));
    events.push({
      type: 'CampaignPublicTextChanged',
      data: { campaignId, changes: words, before, changeVersion: next(), changedAt: at },
    });
  }
  const added = stretchGoals?.slice(campaign.stretchGoals.length) ?? [];
  if (added.length > 0)
    events.push({
      type: 'CampaignStretchGoalsAdded',
      data: { campaignId, stretchGoals: added, changeVersion: next(), addedAt: at },
    });
  const seenByHolder = campaign.sinceApproval.pendingImageUrl ?? campaign.imageUrl;
  if (imageUrl === null && seenByHolder !== undefined)
    events.push({ type: 'CampaignImageRemoved', data: { campaignId, removedAt: at } });
  if (typeof imageUrl === 'string' && imageUrl !== seenByHolder) {
    const proposed: CampaignImageChangeProposed['data'] = definedOnly({
      campaignId,
      imageUrl,
      shownImageUrl: campaign.imageUrl,
      changeVersion: next(),
      proposedAt: at,
    });
    events.push({ type: 'CampaignImageChangeProposed', data: proposed });
  }
  return events;
};

const versionSeen = (value: unknown, current: number): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw invalid('version', 'must be a whole number from 0, the changeVersion the moderator reviewed');
  if (value !== current)
    throw new IllegalStateError(`the campaign changed since version ${value}: review it again at version ${current}`, {
      field: 'version',
      version: value,
      currentVersion: current,
    });
  return value;
};

export const acknowledgeCampaignChanges = (
  command: AcknowledgeCampaignChanges,
  state: CampaignState,
): (CampaignImageChangeAcknowledged | CampaignChangesAcknowledged)[] => {
  const { data, metadata } = command;
  const campaign = existing(state, data.campaignId);
  requireModerator(campaign, metadata, 'acknowledge changes to');
  const { campaignId, sinceApproval } = requireStatus(campaign, REVIEWED, 'have changes acknowledged');
  const changeVersion = versionSeen(data.version, sinceApproval.changeVersion);
  if (sinceApproval.unacknowledged.length === 0) return [];
  const { actor: acknowledgedBy } = metadata;
  const { at: acknowledgedAt } = commandTime(metadata);
  const image: CampaignImageChangeAcknowledged[] =
    sinceApproval.pendingImageUrl === undefined
      ? []
      : [
          {
            type: 'CampaignImageChangeAcknowledged',
            data: { campaignId, imageUrl: sinceApproval.pendingImageUrl, acknowledgedBy, acknowledgedAt },
          },
        ];
  return [
    ...image,
    {
      type: 'CampaignChangesAcknowledged',
      data: { campaignId, acknowledgedBy, changeVersion, parts: sinceApproval.unacknowledged, acknowledgedAt },
    },
  ];
};

export const refuseCampaignImage = (command: RefuseCampaignImage, state: CampaignState): CampaignImageChangeRefused => {
  const { data, metadata } = command;
  const campaign = existing(state, data.campaignId);
  requireModerator(campaign, metadata, 'refuse an image of');
  const { campaignId, sinceApproval } = requireStatus(campaign, REVIEWED, 'have an image refused');
  const reason = text('reason', data.reason, REASON);
  versionSeen(data.version, sinceApproval.changeVersion);
  const imageUrl = sinceApproval.pendingImageUrl;
  if (imageUrl === undefined) throw new IllegalStateError('no new image waits for review', { field: 'imageUrl' });
  return {
    type: 'CampaignImageChangeRefused',
    data: { campaignId, imageUrl, refusedBy: metadata.actor, reason, refusedAt: commandTime(metadata).at },
  };
};
