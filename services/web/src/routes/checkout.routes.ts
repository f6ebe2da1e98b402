import { randomUUID } from 'node:crypto';
import type { PledgeReceipt, PledgeView, ReplyOf, placePledge } from '@elan/contracts';
import type { CardStep } from '../card-step.config';
import { ApiProblem, ApiRefused, ApiUnavailable, type CampaignView } from '../elan-api';
import { parseMoneyInput, type MoneyInputError } from '../money-input';
import { fieldErrorsOf, type FieldErrors } from '../pages/forms';
import { cardStepPage, cardUnavailablePage, CARD_STEP_POLICY } from '../pages/checkout/card.page';
import {
  cardStepLocation,
  checkoutHeaders,
  intentIdOf,
  pledgeHref,
  returnUrlOf,
  type PledgePayment,
} from '../pages/checkout/card-step';
import { checkoutAmountPage, checkoutClosedPage, checkoutDetailsPage, isAvailable } from '../pages/checkout/checkout.page';
import type { Contributor, DetailsStep, TipSuggestions } from '../pages/checkout/checkout.view';
import { pledgePage } from '../pages/checkout/pledge.page';
import { receiptPage } from '../pages/checkout/receipt.page';
import { paymentConfirmingPage, paymentFailedPage } from '../pages/checkout/return.page';
import type { PageContext } from '../pages/page-context';
import { guestTokenOf, pledgeApi, UUID, type Route, type WebAnswer, type WebRequest } from './route';

const NO_CARD_STEP: CardStep = { kind: 'none' };
/**
 * A pledge's pages are the contributor's alone, and change as Stripe's word arrives: never kept
 * by a cache, not even a guest's (whose link carries their token), nor reused by the browser
 * when the visitor reloads to see the payment confirmed.
 */
const PRIVATE = { 'cache-control': 'private, no-store' } as const;

type PlacedPledge = ReplyOf<typeof placePledge> & { readonly guestToken?: string };

/** The fields of the pledge the API may name in a refusal, as the form calls them. */
const PLEDGE_FIELDS = ['amount', 'tip', 'tierId', 'name', 'email', 'message', 'showName'] as const;
/** Statuses a paid (or card-saved) pledge has reached once the webhook was taken into account. */
const SETTLED: readonly PledgeView['status'][] = [
  'committed',
  'refund_requested',
  'collecting',
  'collected',
  'cancelled',
  'refunded',
];

const AMOUNT_ERRORS: Readonly<
  Record<MoneyInputError, 'checkout.amount.empty' | 'checkout.amount.invalid' | 'checkout.amount.tooLarge'>
> = {
  empty: 'checkout.amount.empty',
  invalid: 'checkout.amount.invalid',
  'too-large': 'checkout.amount.tooLarge',
};

const campaignIdOf = (request: WebRequest): string => request.params[0] ?? '';

/** The amount and tier of the first step, checked here first (the API checks them again). */
const checkAmountStep = (
  context: PageContext,
  campaign: CampaignView,
  amountText: string,
  tierId: string,
): { ok: true; amount: number } | { ok: false; errors: FieldErrors } => {
  const { t, formats } = context;
  const errors = new Map<string, string>();
  const parsed = parseMoneyInput(amountText, context.locale);
  if (!parsed.ok) errors.set('amount', t.t(AMOUNT_ERRORS[parsed.error]));
  const tier = campaign.tiers.find((candidate) => candidate.tierId === tierId);
  if (tierId !== '' && (tier === undefined || !isAvailable(tier))) errors.set('tierId', t.t('checkout.tier.unavailable'));
  else if (parsed.ok && tier !== undefined && parsed.minorUnits < tier.minimumAmount.amount)
    errors.set('amount', t.t('checkout.amount.belowTier', { amount: formats.money(tier.minimumAmount) }));
  return parsed.ok && errors.size === 0 ? { ok: true, amount: parsed.minorUnits } : { ok: false, errors };
};

/** The logged-in contributor's name (their account's), or a guest. */
const contributorOf = async (request: WebRequest): Promise<Contributor> => {
  if (request.context.viewer === null) return { kind: 'guest' };
  const me = await request.api.get<{ displayName: string }>('/api/me');
  return { kind: 'account', name: me.displayName };
};

/** The tipping service's suggestions for the amount; a refusal is the amount's error, no answer means none to show. */
const suggestionsFor = async (
  request: WebRequest,
  amount: number,
  currency: string,
): Promise<{ suggestions: TipSuggestions | null } | { refused: FieldErrors }> => {
  try {
    const query = new URLSearchParams({ amount: String(amount), currency });
    return { suggestions: await request.api.get<TipSuggestions>(`/api/tips/suggestions?${query}`) };
  } catch (error) {
    if (error instanceof ApiRefused) return { refused: fieldErrorsOf(error.problem, ['amount']) };
    if (error instanceof ApiUnavailable) return { suggestions: null };
    throw error;
  }
};

const emptyDetails = (amount: number, currency: string, tierId: string, contributor: Contributor): DetailsStep => ({
  amount,
  currency,
  tierId,
  suggestions: null,
  tip: '',
  tipCustom: '',
  name: '',
  email: '',
  showName: false,
  message: '',
  idem: randomUUID(),
  contributor,
  errors: new Map(),
});

/** GET: the first step, or — once an amount was given — the second, with the tips for that amount. */
const showCheckout = async (request: WebRequest): Promise<WebAnswer> => {
  const { context, url } = request;
  const campaign = await request.api.campaign(campaignIdOf(request));
  if (campaign.status !== 'live') return { status: 409, page: checkoutClosedPage(context, campaign) };
  const amountText = url.searchParams.get('amount');
  const tierId = url.searchParams.get('tier') ?? '';
  if (amountText === null)
    return { status: 200, page: checkoutAmountPage(context, campaign, { amountText: '', tierId, errors: new Map() }) };
  const checked = checkAmountStep(context, campaign, amountText, tierId);
  if (!checked.ok)
    return { status: 400, page: checkoutAmountPage(context, campaign, { amountText, tierId, errors: checked.errors }) };
  const currency = campaign.goal?.currency ?? 'EUR';
  const [tips, contributor] = await Promise.all([suggestionsFor(request, checked.amount, currency), contributorOf(request)]);
  if ('refused' in tips)
    return { status: 400, page: checkoutAmountPage(context, campaign, { amountText, tierId, errors: tips.refused }) };
  const form = { ...emptyDetails(checked.amount, currency, tierId, contributor), suggestions: tips.suggestions };
  return {
    status: 200,
    page: checkoutDetailsPage(context, campaign, form),
    headers: checkoutHeaders(request.cardStep ?? NO_CARD_STEP),
  };
};

/** The second step's form as it was sent, and the tip it chose (or why none could be read). */
const readDetails = (request: WebRequest, form: DetailsStep): { tip?: number; errors: Map<string, string> } => {
  const { t } = request.context;
  const errors = new Map<string, string>();
  if (form.tip === '') errors.set('tip', t.t('checkout.tip.required'));
  else if (form.tip === 'custom') {
    const parsed = parseMoneyInput(form.tipCustom, request.context.locale);
    if (parsed.ok) return { tip: parsed.minorUnits, errors };
    errors.set('tipCustom', t.t('checkout.tip.customInvalid'));
  } else if (/^\d{1,15}$/.test(form.tip)) return { tip: Number(form.tip), errors };
  else errors.set('tip', t.t('checkout.tip.required'));
  return { errors };
};

/**
 * POST: places the pledge with the form's Idempotency-Key, then sends the browser to the card
 * step for its intent. A refusal shows the form again with the API's errors (a new key, since the
 * next attempt is another request), nothing recorded.
 */
const placeThePledge = async (request: WebRequest): Promise<WebAnswer> => {
  const { context, form: sent } = request;
  const { t } = context;
  const campaign = await request.api.campaign(campaignIdOf(request));
  const amountText = sent.get('amount') ?? '';
  const tierId = sent.get('tier') ?? '';
  // The amount comes back as the cents the first step computed; anything else restarts it.
  if (!/^\d{1,15}$/.test(amountText))
    return { status: 400, page: checkoutAmountPage(context, campaign, { amountText: '', tierId, errors: new Map() }) };
  const amount = Number(amountText);
  const currency = campaign.goal?.currency ?? 'EUR';
  const contributor = await contributorOf(request);
  const idem = sent.get('idem') ?? '';
  let form: DetailsStep = {
    ...emptyDetails(amount, currency, tierId, contributor),
    tip: sent.get('tip') ?? '',
    tipCustom: sent.get('tipCustom') ?? '',
    name: (sent.get('name') ?? '').trim(),
    email: (sent.get('email') ?? '').trim(),
    showName: sent.get('showName') === 'yes',
    message: (sent.get('message') ?? '').trim(),
    idem: /^[0-9a-f-]{36}$/.test(idem) ? idem : randomUUID(),
  };
  const again = async (status: number, errors: FieldErrors, general?: string): Promise<WebAnswer> => {
    const tips = await suggestionsFor(request, amount, currency);
    form = { ...form, errors, general, suggestions: 'suggestions' in tips ? tips.suggestions : null };
    return {
      status,
      page: checkoutDetailsPage(context, campaign, form),
      headers: checkoutHeaders(request.cardStep ?? NO_CARD_STEP),
    };
  };
  const { tip, errors } = readDetails(request, form);
  if (tip === undefined || errors.size > 0) return again(400, errors);
  const body = {
    amount: { amount, currency },
    tip: { amount: tip, currency },
    ...(tierId !== '' && { tierId }),
    showName: form.showName,
    ...(form.message !== '' && { message: form.message }),
    ...(contributor.kind === 'guest' && { name: form.name, email: form.email }),
    // The pledge's mails (receipt, a declined collection, updates) come in the checkout's language.
    language: request.context.locale,
  };
  let placed: PlacedPledge;
  try {
    placed = await request.api.post<PlacedPledge>(
      `/api/campaigns/${encodeURIComponent(campaign.campaignId)}/pledges`,
      body,
      form.idem,
    );
  } catch (error) {
    if (!(error instanceof ApiRefused)) throw error;
    form = { ...form, idem: randomUUID() };
    if (error.status === 409) return again(409, new Map(), conflictText(context, error));
    return again(error.status === 422 ? 422 : 400, fieldErrorsOf(error.problem, PLEDGE_FIELDS), t.t('checkout.refused'));
  }
  const { pledgeId } = placed.pledge;
  const returnUrl = returnUrlOf(request.origin ?? '', context.locale, pledgeId, placed.guestToken);
  return {
    status: 303,
    location: cardStepLocation(
      request.cardStep ?? NO_CARD_STEP,
      context.locale,
      pledgeId,
      placed.payment,
      returnUrl,
      placed.guestToken,
    ),
  };
};

/** A 409 in plain words: a tier that is gone is said in the page's language, anything else as the API put it. */
const conflictText = (context: PageContext, error: ApiProblem): string => {
  const detail = error.problem.detail ?? error.problem.title ?? '';
  if (/tier/i.test(detail)) return context.t.t('checkout.tier.unavailable');
  return context.t.t('checkout.conflict', { detail });
};

/** The card step with Stripe's keys: the Payment Element for the intent, under its own policy. */
const showCardStep = async (request: WebRequest): Promise<WebAnswer> => {
  const { context, url } = request;
  const pledgeId = request.params[0] ?? '';
  const cardStep = request.cardStep ?? NO_CARD_STEP;
  const clientSecret = url.searchParams.get('client_secret') ?? '';
  const kind = url.searchParams.get('kind') === 'card_setup' ? 'card_setup' : 'payment';
  const intentId = intentIdOf(clientSecret);
  if (intentId === undefined) return { status: 400, page: cardUnavailablePage(context) };
  const guestToken = guestTokenOf(request);
  const returnUrl = returnUrlOf(request.origin ?? '', context.locale, pledgeId, guestToken);
  if (cardStep.kind === 'emulator')
    return {
      status: 303,
      location: cardStepLocation(cardStep, context.locale, pledgeId, { kind, intentId, clientSecret }, returnUrl),
    };
  if (cardStep.kind === 'none') return { status: 503, page: cardUnavailablePage(context) };
  return {
    status: 200,
    page: cardStepPage(context, { publishableKey: cardStep.publishableKey, kind, clientSecret, returnUrl }),
    headers: { ...PRIVATE, 'content-security-policy': CARD_STEP_POLICY },
  };
};

/**
 * Where Stripe sends the browser back: a failure (declined, 3-D Secure failed) offers another
 * card for the same intent; a success shows the pledge once the webhook committed it, and until
 * then says we are confirming it.
 */
const paymentReturn = async (request: WebRequest): Promise<WebAnswer> => {
  const { context, url } = request;
  const pledgeId = request.params[0] ?? '';
  const guestToken = guestTokenOf(request);
  const query = url.searchParams;
  const clientSecret = query.get('payment_intent_client_secret') ?? query.get('setup_intent_client_secret') ?? '';
  const intentId = intentIdOf(clientSecret);
  const pledge = await pledgeApi(request).get<PledgeView>(`/api/pledges/${encodeURIComponent(pledgeId)}`);
  if (SETTLED.includes(pledge.status)) return { status: 303, location: pledgeHref(context.locale, pledgeId, guestToken) };
  if (query.get('redirect_status') === 'failed' && intentId !== undefined) {
    const payment: PledgePayment = {
      kind: query.has('setup_intent') ? 'card_setup' : 'payment',
      intentId,
      clientSecret,
    };
    const returnUrl = returnUrlOf(request.origin ?? '', context.locale, pledgeId, guestToken);
    const retry = cardStepLocation(request.cardStep ?? NO_CARD_STEP, context.locale, pledgeId, payment, returnUrl, guestToken);
    return { status: 200, page: paymentFailedPage(context, retry), headers: PRIVATE };
  }
  return {
    status: 200,
    page: paymentConfirmingPage(context, `/${context.locale}${context.path}${url.search}`),
    headers: PRIVATE,
  };
};

/** The pledge's page: its receipt and status, for its contributor or a guest with the private link. */
const showPledge = async (request: WebRequest): Promise<WebAnswer> => {
  const { context } = request;
  const pledgeId = request.params[0] ?? '';
  const guestToken = guestTokenOf(request);
  const pledge = await pledgeApi(request).get<PledgeView>(`/api/pledges/${encodeURIComponent(pledgeId)}`);
  // The campaign's title is a nicety: the receipt stands without it.
  const campaign = await request.api.campaign(pledge.campaignId).catch(() => null);
  const privateLink =
    guestToken === undefined ? undefined : `${request.origin ?? ''}${pledgeHref(context.locale, pledgeId, guestToken)}`;
  return { status: 200, page: pledgePage(context, { pledge, campaign, guestToken, privateLink }), headers: PRIVATE };
};

/** The API's receipt of a paid pledge, in the page's language. */
const showReceipt = async (request: WebRequest): Promise<WebAnswer> => {
  const pledgeId = request.params[0] ?? '';
  const receipt = await pledgeApi(request).get<PledgeReceipt>(`/api/pledges/${encodeURIComponent(pledgeId)}/receipt`);
  return { status: 200, page: receiptPage(request.context, receipt, guestTokenOf(request)), headers: PRIVATE };
};

/** The checkout, the card step, the way back from it and the pledge's pages (issue #12, ADR 0030). */
export const CHECKOUT_ROUTES: readonly Route[] = [
  { method: 'GET', path: new RegExp(`^/campaigns/${UUID}/pledge$`), handle: showCheckout },
  { method: 'POST', path: new RegExp(`^/campaigns/${UUID}/pledge$`), handle: placeThePledge },
  { method: 'GET', path: new RegExp(`^/pledges/${UUID}$`), handle: showPledge },
  { method: 'GET', path: new RegExp(`^/pledges/${UUID}/card$`), handle: showCardStep },
  { method: 'GET', path: new RegExp(`^/pledges/${UUID}/return$`), handle: paymentReturn },
  { method: 'GET', path: new RegExp(`^/pledges/${UUID}/receipt$`), handle: showReceipt },
];
