import { ForbiddenError, IllegalStateError } from '@elan/domain-kernel';
import { commandTime, existing, requireHolder, requireStatus } from './campaign-access';
import {
  amount,
  category,
  changedOnly,
  definedOnly,
  fundingModel,
  httpsUrl,
  instant,
  invalid,
  isBlank,
  sameValue,
  text,
  uuid,
} from './campaign-fields';
import {
  campaignChanges,
  consistentPlan,
  durationWithinRules,
  location,
  startsInFuture,
  STORY,
  stretchGoals,
  stretchGoalsAbove,
  SUMMARY,
  TITLE,
} from './campaign-content';
import type { CampaignRules } from './campaign-rules';
import { plainLanguageSummary } from './plain-language-summary';
import type { CreateCampaign, EditCampaign, SubmitCampaign } from './campaign.commands';
import { editOnceApproved } from './campaign-moderation.decide';
import type { CampaignCreated, CampaignEdited, CampaignEvent, CampaignSubmitted } from './campaign.events';
import type { CampaignIn, CampaignPlan, CampaignState, DraftCampaign, ExistingCampaign } from './campaign.state';
import type { CampaignChanges } from './campaign.values';

/** Decisions of a campaign's drafting: create, edit, submit. */

const optional = <T>(value: T | undefined, check: (value: T) => T): T | undefined =>
  value === undefined ? undefined : check(value);

/** What a creation sets, and so what a repeated creation must repeat to be the same one. */
const CREATION_FIELDS = [
  'holderId',
  'title',
  'summary',
  'plainLanguageSummary',
  'story',
  'category',
  'imageUrl',
  'goal',
  'fundingModel',
  'startsAt',
  'deadline',
  'location',
  'stretchGoals',
] as const;

/**
 * A creation of a campaign that exists: the same holder asking for the same content again is a
 * retry whose answer was lost (the gateway derives the id from the Idempotency-Key), so nothing
 * happens and the reply says where the campaign stands; anything else is a conflict.
 */
const createdAgain = (campaign: ExistingCampaign, created: CampaignCreated['data']): CampaignEvent[] => {
  const same = CREATION_FIELDS.every((field) => sameValue(campaign[field as keyof ExistingCampaign], created[field]));
  if (!same) throw new IllegalStateError(`campaign ${created.campaignId} already exists`, { campaignId: created.campaignId });
  return [];
};

export const createCampaign = (
  command: CreateCampaign,
  state: CampaignState,
  rules: CampaignRules,
): CampaignCreated | CampaignEvent[] => {
  const { data, metadata } = command;
  if (!metadata.roles.includes('holder'))
    throw new ForbiddenError('only an account with the holder role may create a campaign', { actor: metadata.actor });
  const { now, at } = commandTime(metadata);
  const created: CampaignCreated['data'] = {
    campaignId: uuid('campaignId', data.campaignId),
    holderId: uuid('holderId', metadata.actor),
    title: text('title', data.title, TITLE),
    summary: text('summary', data.summary ?? '', SUMMARY),
    // None is absent from the event, as from events written before there was one.
    plainLanguageSummary: plainLanguageSummary(data.plainLanguageSummary ?? null) ?? undefined,
    story: text('story', data.story ?? '', STORY),
    category: category(data.category),
    imageUrl: optional(data.imageUrl, (value) => httpsUrl('imageUrl', value)),
    goal: optional(data.goal, (value) => amount('goal', value, rules, 'positive')),
    fundingModel: fundingModel(data.fundingModel),
    startsAt: optional(data.startsAt, (value) => instant('startsAt', value)),
    deadline: optional(data.deadline, (value) => instant('deadline', value)),
    location: location(data.location),
    stretchGoals: stretchGoals(data.stretchGoals ?? [], rules),
    createdAt: at,
  };
  if (state.status !== 'none') return createdAgain(state, created);
  if (created.startsAt !== undefined) startsInFuture(created.startsAt, now);
  consistentPlan(created, rules);
  return { type: 'CampaignCreated', data: definedOnly(created) };
};

type EditableCampaign = CampaignIn<'draft' | 'approved' | 'live'>;

/** Reviewed and published promises: moderation approved them, contributors may rely on them. */
const FROZEN_ONCE_APPROVED = ['goal', 'fundingModel', 'startsAt', 'deadline', 'category', 'location'] as const;

const frozenOnceApproved = (campaign: EditableCampaign, changes: CampaignChanges): void => {
  const frozen = FROZEN_ONCE_APPROVED.find((field) => changes[field] !== undefined);
  if (frozen !== undefined)
    throw new IllegalStateError(`${frozen} cannot change once the campaign is ${campaign.status}`, { field: frozen });
  const next = changes.stretchGoals;
  if (next !== undefined && !campaign.stretchGoals.every((stretchGoal, index) => sameValue(stretchGoal, next[index])))
    throw new IllegalStateError(
      `existing stretch goals cannot change once the campaign is ${campaign.status}; add new ones after them`,
      { field: 'stretchGoals' },
    );
};

/**
 * Cross-field rules are checked when the edit touches one of their fields, so a campaign whose
 * frozen dates predate stricter rules can still have its story corrected.
 */
const changesKeepPlanConsistent = (campaign: EditableCampaign, changes: CampaignChanges, rules: CampaignRules): void => {
  const startsAt = changes.startsAt ?? campaign.startsAt;
  const deadline = changes.deadline ?? campaign.deadline;
  const datesChanged = changes.startsAt !== undefined || changes.deadline !== undefined;
  if (datesChanged && startsAt !== undefined && deadline !== undefined) durationWithinRules(startsAt, deadline, rules);
  if (changes.goal !== undefined || changes.stretchGoals !== undefined)
    stretchGoalsAbove(changes.goal ?? campaign.goal, changes.stretchGoals ?? campaign.stretchGoals);
};

export const editCampaign = (
  command: EditCampaign,
  state: CampaignState,
  rules: CampaignRules,
): CampaignEdited | CampaignEvent[] => {
  const { data, metadata } = command;
  const campaign = existing(state, data.campaignId);
  requireHolder(campaign, metadata, 'edit it');
  const editable = requireStatus(campaign, ['draft', 'approved', 'live'], 'be edited');
  const { now, at } = commandTime(metadata);
  const { imageUrl, ...fields } = campaignChanges(data.changes, rules);
  // Once approved, the image is compared with the one its holder sees, maybe still pending.
  const image = editable.status === 'draft' ? changedOnly(editable, definedOnly({ imageUrl })) : definedOnly({ imageUrl });
  const changes = { ...changedOnly(editable, fields), ...image };
  if (Object.keys(changes).length === 0) return [];
  if (editable.status !== 'draft') frozenOnceApproved(editable, changes);
  if (changes.startsAt !== undefined) startsInFuture(changes.startsAt, now);
  changesKeepPlanConsistent(editable, changes, rules);
  if (editable.status !== 'draft') return editOnceApproved(editable, changes, at);
  return { type: 'CampaignEdited', data: { campaignId: editable.campaignId, changes, editedAt: at } };
};

/** What moderation needs to review: every part of the plan, and words to read. */
const completePlan = (draft: DraftCampaign): CampaignPlan => {
  const { goal, startsAt, deadline } = draft;
  const missing = [
    isBlank(draft.summary) && 'summary',
    isBlank(draft.story) && 'story',
    goal === undefined && 'goal',
    startsAt === undefined && 'startsAt',
    deadline === undefined && 'deadline',
  ].filter((field): field is string => field !== false);
  const [first] = missing;
  if (first !== undefined || goal === undefined || startsAt === undefined || deadline === undefined)
    throw invalid(first ?? 'goal', 'is required to submit the campaign', { missing });
  return { goal, startsAt, deadline };
};

/** Checks again what time or new rules may have broken since the draft was written. */
export const submitCampaign = (command: SubmitCampaign, state: CampaignState, rules: CampaignRules): CampaignSubmitted => {
  const { data, metadata } = command;
  const campaign = existing(state, data.campaignId);
  requireHolder(campaign, metadata, 'submit it');
  const draft = requireStatus(campaign, ['draft'], 'be submitted');
  const { now, at } = commandTime(metadata);
  const plan = completePlan(draft);
  startsInFuture(plan.startsAt, now);
  consistentPlan({ ...plan, stretchGoals: draft.stretchGoals }, rules);
  return { type: 'CampaignSubmitted', data: { campaignId: draft.campaignId, ...plan, submittedAt: at } };
};
