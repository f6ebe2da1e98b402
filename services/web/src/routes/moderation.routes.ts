import { ApiForbidden, ApiRefused, type CampaignView } from '../elan-api';
import { fieldErrorsOf, type FieldErrors } from '../pages/forms';
import type { ChangedCampaign, ChangedCampaignsPage, SubmittedCampaignsPage } from '../pages/moderation/moderation-views';
import { MODERATION_DONE, moderationQueuePage, type ModerationDone } from '../pages/moderation/queue.page';
import { changesPage } from '../pages/moderation/changes.page';
import { rejectPage, reviewPage } from '../pages/moderation/review.page';
import { forbiddenPage } from '../pages/login.page';
import { localHref } from '../pages/page-context';
import { notFoundPage } from '../pages/problem.pages';
import { ADMIN_ROUTES } from './moderation-admin.routes';
import { PATHS } from './paths';
import { requireViewer, UUID, type Route, type WebAnswer, type WebRequest } from './route';

/** One page of each list; a moderator pages on with the lists' cursors. */
const PAGE_SIZE = 20;
/** How far the changes page looks for its campaign in the list (the API has no route for one changed campaign). */
const CHANGED_PAGES_SCANNED = 10;
const CHANGED_PAGE_SIZE = 50;

const cursorOf = (request: WebRequest, name: string): string | undefined => {
  const value = request.url.searchParams.get(name);
  return value !== null && value !== '' && value.length <= 500 ? value : undefined;
};

const pagedPath = (path: string, limit: number, cursor: string | undefined): string =>
  `${path}?limit=${limit}${cursor !== undefined ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

const doneOf = (request: WebRequest): ModerationDone | undefined => {
  const done = request.url.searchParams.get('done');
  return MODERATION_DONE.find((known) => known === done);
};

const moderationHref = (request: WebRequest, done: ModerationDone): string =>
  `${localHref(request.context, PATHS.moderation)}?done=${done}`;

/** The queue and the changed campaigns; the API's 403 (not a moderator) is the 403 page. */
const queue = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const at = { queue: cursorOf(request, 'queue'), changes: cursorOf(request, 'changes') };
  const [submitted, changed] = await Promise.all([
    request.api.get<SubmittedCampaignsPage>(pagedPath('/api/moderation/submitted-campaigns', PAGE_SIZE, at.queue)),
    request.api.get<ChangedCampaignsPage>(pagedPath('/api/moderation/changed-campaigns', PAGE_SIZE, at.changes)),
  ]);
  return { status: 200, page: moderationQueuePage(request.context, { queue: submitted, changed, at, done: doneOf(request) }) };
};

/** Whether the token names a moderator or an admin: only to choose what to show, the API checks. */
const isModerator = (request: WebRequest): boolean =>
  request.context.viewer?.roles.some((role) => role === 'moderator' || role === 'admin') ?? false;

const campaignOf = (request: WebRequest): Promise<CampaignView> => request.api.campaign(request.params[0] ?? '');

/**
 * The review page reads only the campaign, which the public may read too once approved: the
 * token's roles keep it to moderators (a 403 page otherwise); the API decides again on the POST.
 */
const review = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  if (!isModerator(request)) return { status: 403, page: forbiddenPage(request.context) };
  return { status: 200, page: reviewPage(request.context, await campaignOf(request)) };
};

/** What the API refused that is not a field's error, in the moderator's words. */
const refusalOf = (request: WebRequest, error: ApiRefused | ApiForbidden): string => {
  const { t } = request.context;
  if (error instanceof ApiForbidden) return t.t('moderation.refused.own');
  return error.status === 409 ? t.t('moderation.refused.notSubmitted') : (error.problem.detail ?? error.message);
};

/**
 * A 403 on a campaign route is either a visitor without the role — the 403 page — or a moderator
 * reviewing their own campaign, which the page says: the viewer's roles tell which.
 */
const isOwnCampaignRefusal = (request: WebRequest, error: unknown): error is ApiForbidden =>
  error instanceof ApiForbidden && isModerator(request);

const approve = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const campaignId = request.params[0] ?? '';
  try {
    await request.api.post(`/api/campaigns/${campaignId}/approve`);
    return { status: 303, location: moderationHref(request, 'approved') };
  } catch (error) {
    if (!(error instanceof ApiRefused) && !isOwnCampaignRefusal(request, error)) throw error;
    return { status: error.status, page: reviewPage(request.context, await campaignOf(request), refusalOf(request, error)) };
  }
};

/**
 * A reason is required: an empty one is said in the page's words before any call; the API's own
 * limits (at most 2 000 characters, once trimmed) come back as the field's errors.
 */
const missingReason = (request: WebRequest, reason: string): FieldErrors | undefined =>
  reason.trim() === '' ? new Map([['reason', request.context.t.t('moderation.reason.required')]]) : undefined;

const reject = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const campaignId = request.params[0] ?? '';
  const reason = request.form.get('reason') ?? '';
  const missing = missingReason(request, reason);
  if (missing !== undefined)
    return { status: 400, page: rejectPage(request.context, await campaignOf(request), { reason, errors: missing }) };
  try {
    await request.api.post(`/api/campaigns/${campaignId}/reject`, { reason });
    return { status: 303, location: moderationHref(request, 'rejected') };
  } catch (error) {
    if (!(error instanceof ApiRefused) && !isOwnCampaignRefusal(request, error)) throw error;
    const errors = fieldErrorsOf(error.problem, ['reason']);
    const general = errors.size > 0 ? undefined : refusalOf(request, error);
    return { status: error.status, page: rejectPage(request.context, await campaignOf(request), { reason, errors, general }) };
  }
};

/** One changed campaign, looked for in the list (the API answers the list only); none once acknowledged. */
const changedCampaign = async (request: WebRequest, campaignId: string): Promise<ChangedCampaign | undefined> => {
  let cursor: string | undefined;
  for (let scanned = 0; scanned < CHANGED_PAGES_SCANNED; scanned += 1) {
    const page = await request.api.get<ChangedCampaignsPage>(
      pagedPath('/api/moderation/changed-campaigns', CHANGED_PAGE_SIZE, cursor),
    );
    const found = page.items.find((item) => item.campaignId === campaignId);
    if (found !== undefined || page.nextCursor === null) return found;
    cursor = page.nextCursor;
  }
  return undefined;
};

/** The changed campaign and its page; undefined when no change waits for it (acknowledged meanwhile). */
const changesView = async (request: WebRequest): Promise<{ item: ChangedCampaign; campaign: CampaignView } | undefined> => {
  const campaignId = request.params[0] ?? '';
  const [item, campaign] = await Promise.all([changedCampaign(request, campaignId), campaignOf(request)]);
  return item === undefined ? undefined : { item, campaign };
};

const changes = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const view = await changesView(request);
  if (view === undefined) return { status: 404, page: notFoundPage(request.context) };
  return { status: 200, page: changesPage(request.context, view.item, view.campaign) };
};

const versionOf = (request: WebRequest): number => {
  const version = Number(request.form.get('version') ?? '');
  return Number.isSafeInteger(version) ? version : -1;
};

/** A refusal of a changes form: the page again, as the campaign is now, with why. */
const changesRefused = async (request: WebRequest, error: ApiRefused | ApiForbidden, reason: string): Promise<WebAnswer> => {
  const { t } = request.context;
  const errors = fieldErrorsOf(error.problem, ['reason']);
  const general =
    errors.size > 0
      ? undefined
      : error instanceof ApiForbidden
        ? t.t('moderation.refused.own')
        : error.status === 409
          ? t.t('moderation.refused.stale')
          : (error.problem.detail ?? error.message);
  const view = await changesView(request);
  if (view === undefined) return { status: 404, page: notFoundPage(request.context) };
  return { status: error.status, page: changesPage(request.context, view.item, view.campaign, { reason, errors, general }) };
};

const acknowledge = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const campaignId = request.params[0] ?? '';
  try {
    await request.api.post(`/api/campaigns/${campaignId}/changes/acknowledge`, { version: versionOf(request) });
    return { status: 303, location: moderationHref(request, 'acknowledged') };
  } catch (error) {
    if (!(error instanceof ApiRefused) && !isOwnCampaignRefusal(request, error)) throw error;
    return changesRefused(request, error, '');
  }
};

const refuseImage = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const campaignId = request.params[0] ?? '';
  const reason = request.form.get('reason') ?? '';
  const missing = missingReason(request, reason);
  if (missing !== undefined) {
    const view = await changesView(request);
    if (view === undefined) return { status: 404, page: notFoundPage(request.context) };
    return { status: 400, page: changesPage(request.context, view.item, view.campaign, { reason, errors: missing }) };
  }
  try {
    await request.api.post(`/api/campaigns/${campaignId}/image/refuse`, { version: versionOf(request), reason });
    return { status: 303, location: moderationHref(request, 'imageRefused') };
  } catch (error) {
    if (!(error instanceof ApiRefused) && !isOwnCampaignRefusal(request, error)) throw error;
    return changesRefused(request, error, reason);
  }
};

/** The moderators' pages (issue #12) and, in moderation-admin.routes.ts, the admins'. */
export const MODERATION_ROUTES: readonly Route[] = [
  { method: 'GET', path: /^\/moderation$/, handle: queue },
  { method: 'GET', path: new RegExp(`^/moderation/campaigns/${UUID}$`), handle: review },
  { method: 'POST', path: new RegExp(`^/moderation/campaigns/${UUID}/approve$`), handle: approve },
  { method: 'POST', path: new RegExp(`^/moderation/campaigns/${UUID}/reject$`), handle: reject },
  { method: 'GET', path: new RegExp(`^/moderation/changes/${UUID}$`), handle: changes },
  { method: 'POST', path: new RegExp(`^/moderation/changes/${UUID}/acknowledge$`), handle: acknowledge },
  { method: 'POST', path: new RegExp(`^/moderation/changes/${UUID}/refuse-image$`), handle: refuseImage },
  ...ADMIN_ROUTES,
];
