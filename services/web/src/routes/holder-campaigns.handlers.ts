import { ApiRefused, type CampaignView } from '../elan-api';
import {
  apiFieldErrors,
  CAMPAIGN_FIELDS,
  campaignBody,
  campaignFormValues,
  EMPTY_CAMPAIGN_FORM,
  formValuesOf,
  type CampaignFormMode,
} from '../pages/holder/campaign-form';
import { campaignFieldLabels, campaignFormPage } from '../pages/holder/campaign-form.page';
import { editModeOf } from '../pages/holder/campaign-rules';
import type { HolderCampaignsPage } from '../pages/holder/holder-views';
import { manageCampaignPage } from '../pages/holder/manage-campaign.page';
import { myCampaignsPage } from '../pages/holder/my-campaigns.page';
import { previewPage } from '../pages/holder/preview.page';
import { updateFormPage } from '../pages/holder/update-form.page';
import { HOLDER_PATHS } from './holder-paths';
import { doneAt, holderCampaign, idempotencyKeyOf, newIdempotencyKey, noticeOf, refusalOf } from './holder-requests';
import { requireViewer, type WebAnswer, type WebRequest } from './route';

const idOf = (request: WebRequest): string => request.params[0] ?? '';

export const listMyCampaigns = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const cursor = request.url.searchParams.get('cursor') ?? undefined;
  const query = new URLSearchParams({ limit: '20', ...(cursor !== undefined && { cursor }) });
  const page = await request.api.get<HolderCampaignsPage>(`/api/me/campaigns?${query}`);
  return { status: 200, page: myCampaignsPage(request.context, page, cursor) };
};

export const showNewCampaign = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  return {
    status: 200,
    page: campaignFormPage(request.context, { mode: 'create', values: EMPTY_CAMPAIGN_FORM, idem: newIdempotencyKey() }),
  };
};

/** Sends the form to the API; on a refusal, the same form again with the errors, nothing changed. */
const saveCampaign = async (
  request: WebRequest,
  mode: CampaignFormMode,
  campaign: CampaignView | undefined,
): Promise<WebAnswer> => {
  const values = campaignFormValues(request.form);
  const idem = mode === 'create' ? idempotencyKeyOf(request) : undefined;
  const again = (status: number, errors: ReadonlyMap<string, string>, problem?: string): WebAnswer => ({
    status,
    page: campaignFormPage(request.context, {
      mode,
      values,
      errors,
      problem,
      ...(campaign !== undefined && { campaignId: campaign.campaignId }),
      ...(idem !== undefined && { idem }),
    }),
  });
  const parsed = campaignBody(values, mode, request.context.t);
  if ('errors' in parsed) return again(400, parsed.errors);
  try {
    const campaignId =
      campaign === undefined
        ? (await request.api.post<{ campaignId: string }>('/api/campaigns', parsed.body, idem)).campaignId
        : (
            await request.api.call<{ campaignId: string }>({
              method: 'PATCH',
              path: `/api/campaigns/${campaign.campaignId}`,
              body: parsed.body,
            })
          ).campaignId;
    const preview = request.form.get('then') === 'preview';
    const path = preview ? HOLDER_PATHS.preview(campaignId) : HOLDER_PATHS.campaign(campaignId);
    return { status: 303, location: doneAt(request, path, campaign === undefined ? 'created' : 'saved') };
  } catch (error) {
    if (!(error instanceof ApiRefused)) throw error;
    const errors = apiFieldErrors(error.problem, CAMPAIGN_FIELDS);
    return again(error.status, errors, errors.size > 0 ? undefined : refusalOf(request, error.problem));
  }
};

export const createCampaign = (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  return saveCampaign(request, 'create', undefined);
};

export const showCampaign = async (request: WebRequest): Promise<WebAnswer> => {
  const campaign = await holderCampaign(request, idOf(request));
  return { status: 200, page: manageCampaignPage(request.context, { campaign, notice: noticeOf(request) }) };
};

export const showEditCampaign = async (request: WebRequest): Promise<WebAnswer> => {
  const campaign = await holderCampaign(request, idOf(request));
  const mode = editModeOf(campaign.status);
  if (mode === undefined)
    return {
      status: 409,
      page: manageCampaignPage(request.context, { campaign, problem: request.context.t.t('holder.error.notEditable') }),
    };
  return {
    status: 200,
    page: campaignFormPage(request.context, {
      mode,
      campaignId: campaign.campaignId,
      values: formValuesOf(campaign, request.context.locale),
    }),
  };
};

export const editCampaign = async (request: WebRequest): Promise<WebAnswer> => {
  const campaign = await holderCampaign(request, idOf(request));
  const mode = editModeOf(campaign.status);
  if (mode === undefined)
    return {
      status: 409,
      page: manageCampaignPage(request.context, { campaign, problem: request.context.t.t('holder.error.notEditable') }),
    };
  return saveCampaign(request, mode, campaign);
};

export const showPreview = async (request: WebRequest): Promise<WebAnswer> => {
  const campaign = await holderCampaign(request, idOf(request));
  return { status: 200, page: previewPage(request.context, campaign) };
};

interface SubmitProblemDetails {
  readonly details?: { readonly missing?: readonly string[] };
}

/** Sends the draft to moderation; a refusal names what is missing, in the page's words. */
export const submitCampaign = async (request: WebRequest): Promise<WebAnswer> => {
  const campaignId = idOf(request);
  const campaign = await holderCampaign(request, campaignId);
  try {
    await request.api.post(`/api/campaigns/${campaignId}/submit`);
    return { status: 303, location: doneAt(request, HOLDER_PATHS.campaign(campaignId), 'submitted') };
  } catch (error) {
    if (!(error instanceof ApiRefused)) throw error;
    const labels = campaignFieldLabels(request.context);
    const missing = (error.problem as SubmitProblemDetails).details?.missing ?? [];
    const problem =
      missing.length > 0
        ? request.context.t.t('holder.submit.missing', {
            fields: missing.map((field) => labels[field.replace(/^location\./, '')] ?? field).join(', '),
          })
        : refusalOf(request, error.problem);
    return { status: error.status, page: manageCampaignPage(request.context, { campaign, problem }) };
  }
};

export const showUpdateForm = async (request: WebRequest): Promise<WebAnswer> => {
  const campaign = await holderCampaign(request, idOf(request));
  return {
    status: 200,
    page: updateFormPage(request.context, {
      campaignId: campaign.campaignId,
      campaignTitle: campaign.title,
      values: { title: '', body: '' },
      idem: newIdempotencyKey(),
    }),
  };
};

/** Publishes an update (title and text) with the form's Idempotency-Key: a double submit posts it once. */
export const postUpdate = async (request: WebRequest): Promise<WebAnswer> => {
  const campaignId = idOf(request);
  const campaign = await holderCampaign(request, campaignId);
  const { t } = request.context;
  const values = { title: (request.form.get('title') ?? '').trim(), body: request.form.get('body') ?? '' };
  const idem = idempotencyKeyOf(request);
  const again = (status: number, errors: ReadonlyMap<string, string>, problem?: string): WebAnswer => ({
    status,
    page: updateFormPage(request.context, { campaignId, campaignTitle: campaign.title, values, errors, problem, idem }),
  });
  const errors = new Map<string, string>();
  if (values.title === '') errors.set('title', t.t('holder.error.title'));
  if (values.body.trim() === '') errors.set('body', t.t('holder.error.updateBody'));
  if (errors.size > 0) return again(400, errors);
  try {
    await request.api.post(`/api/campaigns/${campaignId}/updates`, values, idem);
    return { status: 303, location: doneAt(request, HOLDER_PATHS.campaign(campaignId), 'update') };
  } catch (error) {
    if (!(error instanceof ApiRefused)) throw error;
    const fieldErrors = apiFieldErrors(error.problem, ['title', 'body']);
    return again(error.status, fieldErrors, fieldErrors.size > 0 ? undefined : refusalOf(request, error.problem));
  }
};
