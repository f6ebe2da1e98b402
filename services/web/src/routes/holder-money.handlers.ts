import { ApiNotFound, ApiRefused } from '../elan-api';
import { backersPage } from '../pages/holder/backers.page';
import type { BackersPage, CampaignPayouts, PayoutAccountView, StartedPayoutAccount } from '../pages/holder/holder-views';
import { payoutAccountPage, type OnboardingReturn } from '../pages/holder/payout-account.page';
import { payoutsPage } from '../pages/holder/payouts.page';
import { HOLDER_PATHS } from './holder-paths';
import { doneAt, holderCampaign, noticeOf, refusalOf } from './holder-requests';
import { requireViewer, type WebAnswer, type WebRequest } from './route';

/** The holder's money: backers and their CSV, statements, the payout account (issue #12). */

const BACKERS_PER_PAGE = 50;
const CSV = 'text/csv; charset=utf-8';
/**
 * Spreadsheets read a CSV's accents right only after a byte order mark; the API sends one, and
 * `fetch` drops it when it decodes the text, so it is put back.
 */
const BYTE_ORDER_MARK = '\uFEFF';
const withByteOrderMark = (text: string): string => (text.startsWith(BYTE_ORDER_MARK) ? text : `${BYTE_ORDER_MARK}${text}`);

const campaignIdOf = (request: WebRequest): string => request.params[0] ?? '';

export const showBackers = async (request: WebRequest): Promise<WebAnswer> => {
  const campaignId = campaignIdOf(request);
  const cursor = request.url.searchParams.get('cursor');
  const query = new URLSearchParams({ limit: String(BACKERS_PER_PAGE), ...(cursor !== null && { cursor }) });
  const [campaign, page] = await Promise.all([
    holderCampaign(request, campaignId),
    request.api.get<BackersPage>(`/api/campaigns/${campaignId}/backers?${query}`),
  ]);
  return { status: 200, page: backersPage(request.context, campaign, page) };
};

/** Every backer as the API's CSV, an attachment (RFC 4180, UTF-8; never the tip). */
export const backersCsv = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const campaignId = campaignIdOf(request);
  const body = await request.api.call<string>({ method: 'GET', path: `/api/campaigns/${campaignId}/backers.csv`, as: 'text' });
  return { status: 200, file: { contentType: CSV, filename: `backers-${campaignId}.csv`, body: withByteOrderMark(body) } };
};

/** The payout service knows a campaign once money moved: before, its API answers 404, and the page says nothing is due yet. */
const payoutsOf = (request: WebRequest, campaignId: string): Promise<CampaignPayouts | null> =>
  request.api.get<CampaignPayouts>(`/api/campaigns/${campaignId}/payouts`).catch((error: unknown) => {
    if (error instanceof ApiNotFound) return null;
    throw error;
  });

export const showPayouts = async (request: WebRequest): Promise<WebAnswer> => {
  const campaignId = campaignIdOf(request);
  const [campaign, payouts] = await Promise.all([holderCampaign(request, campaignId), payoutsOf(request, campaignId)]);
  return { status: 200, page: payoutsPage(request.context, { campaign, payouts, notice: noticeOf(request) }) };
};

export const payoutsCsv = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const campaignId = campaignIdOf(request);
  const body = await request.api.call<string>({
    method: 'GET',
    path: `/api/campaigns/${campaignId}/payouts?format=csv`,
    as: 'text',
  });
  return { status: 200, file: { contentType: CSV, filename: `payouts-${campaignId}.csv`, body: withByteOrderMark(body) } };
};

/** A keep-it-all holder asks for a statement now; "nothing is due" is said on the page. */
export const requestStatement = async (request: WebRequest): Promise<WebAnswer> => {
  const campaignId = campaignIdOf(request);
  const campaign = await holderCampaign(request, campaignId);
  try {
    await request.api.post(`/api/campaigns/${campaignId}/payouts`);
    return { status: 303, location: doneAt(request, HOLDER_PATHS.payouts(campaignId), 'requested') };
  } catch (error) {
    if (!(error instanceof ApiRefused)) throw error;
    const payouts = await payoutsOf(request, campaignId);
    return {
      status: error.status,
      page: payoutsPage(request.context, { campaign, payouts, problem: refusalOf(request, error.problem) }),
    };
  }
};

const onboardingReturnOf = (request: WebRequest): OnboardingReturn => {
  const value = request.url.searchParams.get('onboarding');
  return value === 'done' || value === 'expired' ? value : undefined;
};

export const showPayoutAccount = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  const account = await request.api.get<PayoutAccountView>('/api/me/payout-account');
  return {
    status: 200,
    page: payoutAccountPage(request.context, account, onboardingReturnOf(request)),
    formToOnboarding: true,
  };
};

/**
 * Opens the payout account (the first time) or asks for a new onboarding link, and sends the
 * holder there (303): Stripe's pages, or the emulator's in development. Stripe sends them back to
 * `/me/payout-account?onboarding=done` under PUBLIC_BASE_URL (the payout service's setting).
 */
export const startPayoutAccount = async (request: WebRequest): Promise<WebAnswer> => {
  requireViewer(request);
  try {
    const started = await request.api.post<StartedPayoutAccount>('/api/me/payout-account');
    if (!/^https?:\/\//.test(started.onboardingUrl))
      throw new Error(`an onboarding link that is not http(s): ${started.onboardingUrl}`);
    return { status: 303, location: started.onboardingUrl };
  } catch (error) {
    if (!(error instanceof ApiRefused)) throw error;
    const account = await request.api.get<PayoutAccountView>('/api/me/payout-account');
    return {
      status: error.status,
      page: payoutAccountPage(request.context, account, undefined, refusalOf(request, error.problem)),
      formToOnboarding: true,
    };
  }
};
