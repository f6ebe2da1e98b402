import { ApiNotFound, ApiRefused, type CampaignView } from '../elan-api';
import { apiFieldErrors } from '../pages/holder/campaign-form';
import { canEditTierTerms } from '../pages/holder/campaign-rules';
import { parseEuros } from '../pages/holder/euros';
import { manageCampaignPage } from '../pages/holder/manage-campaign.page';
import { stretchGoalsPage } from '../pages/holder/stretch-goals.page';
import {
  EMPTY_TIER_FORM,
  TIER_FIELDS,
  tierBody,
  tierFormValues,
  tierValuesOf,
  type TierFormMode,
} from '../pages/holder/tier-form';
import { tierFormPage } from '../pages/holder/tier-form.page';
import { HOLDER_PATHS } from './holder-paths';
import { doneAt, holderCampaign, idempotencyKeyOf, newIdempotencyKey, noticeOf, refusalOf } from './holder-requests';
import type { WebAnswer, WebRequest } from './route';

/** What a campaign offers its contributors: reward tiers and stretch goals (issue #12). */

const campaignIdOf = (request: WebRequest): string => request.params[0] ?? '';
const tierIdOf = (request: WebRequest): string => request.params[1] ?? '';

const tierOf = (campaign: CampaignView, tierId: string) => {
  const tier = campaign.tiers.find((candidate) => candidate.tierId === tierId);
  if (tier === undefined) throw new ApiNotFound(404, { status: 404 }, `tier ${tierId}`);
  return tier;
};

const tierModeOf = (campaign: CampaignView, isNew: boolean): TierFormMode =>
  isNew ? 'new' : canEditTierTerms(campaign.status) ? 'draft' : 'approved';

export const showNewTier = async (request: WebRequest): Promise<WebAnswer> => {
  const campaign = await holderCampaign(request, campaignIdOf(request));
  return {
    status: 200,
    page: tierFormPage(request.context, {
      campaignId: campaign.campaignId,
      campaignTitle: campaign.title,
      mode: 'new',
      values: EMPTY_TIER_FORM,
      idem: newIdempotencyKey(),
    }),
  };
};

export const showTier = async (request: WebRequest): Promise<WebAnswer> => {
  const campaign = await holderCampaign(request, campaignIdOf(request));
  const tier = tierOf(campaign, tierIdOf(request));
  return {
    status: 200,
    page: tierFormPage(request.context, {
      campaignId: campaign.campaignId,
      campaignTitle: campaign.title,
      mode: tierModeOf(campaign, false),
      tierId: tier.tierId,
      values: tierValuesOf(tier, request.context.locale),
    }),
  };
};

/** A new tier (`POST`, with the form's Idempotency-Key) or a tier's change (`PATCH`). */
const saveTier = async (request: WebRequest, isNew: boolean): Promise<WebAnswer> => {
  const campaign = await holderCampaign(request, campaignIdOf(request));
  const tierId = isNew ? undefined : tierOf(campaign, tierIdOf(request)).tierId;
  const mode = tierModeOf(campaign, isNew);
  const values = tierFormValues(request.form);
  const idem = isNew ? idempotencyKeyOf(request) : undefined;
  const again = (status: number, errors: ReadonlyMap<string, string>, problem?: string): WebAnswer => ({
    status,
    page: tierFormPage(request.context, {
      campaignId: campaign.campaignId,
      campaignTitle: campaign.title,
      mode,
      values,
      errors,
      problem,
      ...(tierId !== undefined && { tierId }),
      ...(idem !== undefined && { idem }),
    }),
  });
  const parsed = tierBody(values, mode, request.context.t);
  if ('errors' in parsed) return again(400, parsed.errors);
  const path = `/api/campaigns/${campaign.campaignId}/tiers`;
  try {
    if (tierId === undefined) await request.api.post(path, parsed.body, idem);
    else await request.api.call({ method: 'PATCH', path: `${path}/${tierId}`, body: parsed.body });
    return { status: 303, location: doneAt(request, HOLDER_PATHS.campaign(campaign.campaignId), 'tier') };
  } catch (error) {
    if (!(error instanceof ApiRefused)) throw error;
    const errors = apiFieldErrors(error.problem, TIER_FIELDS);
    return again(error.status, errors, errors.size > 0 ? undefined : refusalOf(request, error.problem));
  }
};

export const addTier = (request: WebRequest): Promise<WebAnswer> => saveTier(request, true);
export const editTier = (request: WebRequest): Promise<WebAnswer> => saveTier(request, false);

/** Closes a tier (no new pledges on it) or deletes a draft's; a refusal is said on the campaign's page. */
const tierAction =
  (action: 'close' | 'delete') =>
  async (request: WebRequest): Promise<WebAnswer> => {
    const campaign = await holderCampaign(request, campaignIdOf(request));
    const tier = tierOf(campaign, tierIdOf(request));
    const path = `/api/campaigns/${campaign.campaignId}/tiers/${tier.tierId}`;
    try {
      if (action === 'close') await request.api.post(`${path}/close`);
      else await request.api.call({ method: 'DELETE', path });
      const done = action === 'close' ? 'tierClosed' : 'tierDeleted';
      return { status: 303, location: doneAt(request, HOLDER_PATHS.campaign(campaign.campaignId), done) };
    } catch (error) {
      if (!(error instanceof ApiRefused)) throw error;
      return {
        status: error.status,
        page: manageCampaignPage(request.context, { campaign, problem: refusalOf(request, error.problem) }),
      };
    }
  };
export const closeTier = tierAction('close');
export const deleteTier = tierAction('delete');

export const showStretchGoals = async (request: WebRequest): Promise<WebAnswer> => {
  const campaign = await holderCampaign(request, campaignIdOf(request));
  return {
    status: 200,
    page: stretchGoalsPage(request.context, {
      campaign,
      values: { amount: '', description: '' },
      notice: noticeOf(request),
    }),
  };
};

/** The campaign's stretch goals as the API takes them back: the existing ones unchanged (they keep their ids). */
const existingGoals = (campaign: CampaignView) =>
  campaign.stretchGoals.map(({ stretchGoalId, amount, description }) => ({ stretchGoalId, amount, description }));

const saveStretchGoals = async (
  request: WebRequest,
  campaign: CampaignView,
  stretchGoals: readonly object[],
  values: { amount: string; description: string },
): Promise<WebAnswer> => {
  try {
    await request.api.call({ method: 'PATCH', path: `/api/campaigns/${campaign.campaignId}`, body: { stretchGoals } });
    return { status: 303, location: doneAt(request, HOLDER_PATHS.stretchGoals(campaign.campaignId), 'saved') };
  } catch (error) {
    if (!(error instanceof ApiRefused)) throw error;
    // The API names the list's items (`stretchGoals.2.amount`), not the form's fields: said above the form.
    const [named] = apiFieldErrors(error.problem, ['stretchGoals']).values();
    return {
      status: error.status,
      page: stretchGoalsPage(request.context, { campaign, values, problem: named ?? refusalOf(request, error.problem) }),
    };
  }
};

/** Adds a stretch goal above the others (the whole list goes back, the existing ones as they are). */
export const addStretchGoal = async (request: WebRequest): Promise<WebAnswer> => {
  const campaign = await holderCampaign(request, campaignIdOf(request));
  const { t } = request.context;
  const values = { amount: request.form.get('amount') ?? '', description: (request.form.get('description') ?? '').trim() };
  const errors = new Map<string, string>();
  const amount = parseEuros(values.amount);
  if (values.amount.trim() === '') errors.set('amount', t.t('holder.error.amountMissing'));
  else if (amount === undefined || amount <= 0) errors.set('amount', t.t('holder.error.goal'));
  if (values.description === '') errors.set('description', t.t('holder.error.description'));
  if (errors.size > 0 || amount === undefined)
    return { status: 400, page: stretchGoalsPage(request.context, { campaign, values, errors }) };
  const added = { amount: { amount, currency: 'EUR' }, description: values.description };
  return saveStretchGoals(request, campaign, [...existingGoals(campaign), added], values);
};

export const deleteStretchGoal = async (request: WebRequest): Promise<WebAnswer> => {
  const campaign = await holderCampaign(request, campaignIdOf(request));
  const goalId = request.params[1] ?? '';
  if (!campaign.stretchGoals.some((goal) => goal.stretchGoalId === goalId))
    throw new ApiNotFound(404, { status: 404 }, `stretch goal ${goalId}`);
  const kept = existingGoals(campaign).filter((goal) => goal.stretchGoalId !== goalId);
  return saveStretchGoals(request, campaign, kept, { amount: '', description: '' });
};
