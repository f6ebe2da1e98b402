import { html, type Html } from '../../html';
import { PATHS } from '../../routes/paths';
import { csrfField, errorSummary, fieldId, inputField, NO_ERRORS, type FieldErrors } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import { isChangeable, isCommitted, withToken, type PledgeAccess, type PledgeCampaign, type PledgeView } from './account-views';
import { pledgeFacts } from './pledge-summary';

/** What every form about one pledge shows first: the pledge, and the way back to its page. */
interface PledgeFormView extends PledgeAccess {
  readonly pledge: PledgeView;
  /** Null when the campaign could not be read: the pledge still shows, without its title. */
  readonly campaign: PledgeCampaign | null;
  /** A random Idempotency-Key for this form, so a double submit acts once. */
  readonly idem: string;
  readonly errors?: FieldErrors;
  /** What the API refused beyond a field (a 409), said above the form: nothing changed. */
  readonly notice?: string | undefined;
}

export interface ChangeFormView extends PledgeFormView {
  /** The amount as typed (shown again after a refusal), else the pledge's own. */
  readonly amount: string;
  /** The tier chosen: an id, or '' for none. */
  readonly tierId: string;
}

/** The hidden fields of a pledge's form: the CSRF token, the idempotency key and, for a guest, their link's token. */
const hiddenFields = (context: PageContext, view: PledgeFormView): Html =>
  html`${csrfField(context)}<input type="hidden" name="idem" value="${view.idem}" />${view.guestToken !== undefined &&
    html`<input type="hidden" name="token" value="${view.guestToken}" />`}`;

const pledgeHeader = (context: PageContext, view: PledgeFormView): Html =>
  html`<div class="pledge">
    ${view.campaign !== null &&
    html`<p class="lead">
      <a href="${localHref(context, PATHS.campaign(view.pledge.campaignId))}">${view.campaign.title}</a>
    </p>`}
    ${pledgeFacts(context, view.pledge)}
  </div>`;

const backLink = (context: PageContext, view: PledgeFormView): Html =>
  html`<p>
    <a href="${localHref(context, withToken(PATHS.pledge(view.pledge.pledgeId), view))}">${context.t.t('pledge.back')}</a>
  </p>`;

/** The tiers as radio buttons in a fieldset (RGAA 11.5), "no reward" first; closed tiers are left out unless chosen. */
const tierChoice = (context: PageContext, view: ChangeFormView): Html => {
  const { t, formats } = context;
  const tiers = (view.campaign?.tiers ?? []).filter((tier) => tier.status === 'open' || tier.tierId === view.tierId);
  if (tiers.length === 0) return html`<input type="hidden" name="tierId" value="${view.tierId}" />`;
  const error = view.errors?.get('tierId');
  const option = (value: string, label: string, index: number) => {
    const id = `${fieldId('tierId')}-${index}`;
    return html`<div class="choice">
      <input type="radio" id="${id}" name="tierId" value="${value}" ${value === view.tierId ? html`checked` : html``} />
      <label for="${id}">${label}</label>
    </div>`;
  };
  return html`<fieldset class="field${error ? ' invalid' : ''}" id="${fieldId('tierId')}">
    <legend>${t.t('change.tier')}</legend>
    ${error && html`<p class="error">${error}</p>`} ${option('', t.t('change.noTier'), 0)}
    ${tiers.map((tier, index) =>
      option(tier.tierId, t.t('change.tierFrom', { title: tier.title, amount: formats.money(tier.minimumAmount) }), index + 1),
    )}
  </fieldset>`;
};

/**
 * Changing a pledge: the amount and the tier of a committed all-or-nothing pledge (nothing was
 * charged yet). A paid keep-it-all pledge cannot be changed: the page says to cancel it
 * (refunded, tip included) and pledge again.
 */
export const changePledgePage = (context: PageContext, view: ChangeFormView): Html => {
  const { t, formats } = context;
  const { pledge } = view;
  const errors = view.errors ?? NO_ERRORS;
  const labels = { amount: t.t('change.amount', { currency: pledge.amount.currency }), tierId: t.t('change.tier') };
  const form = html`<p>${t.t('change.explain')}</p>
    <form method="post" action="${localHref(context, PATHS.pledgeChange(pledge.pledgeId))}" class="stacked">
      ${hiddenFields(context, view)}
      ${inputField({
        name: 'amount',
        label: labels.amount,
        hint: t.t('change.amount.hint'),
        value: view.amount,
        inputmode: 'decimal',
        autocomplete: 'off',
        maxlength: 20,
        required: true,
        error: errors.get('amount'),
      })}
      ${tierChoice(context, view)}
      <p>${t.t('change.tipStays', { amount: formats.money(pledge.tip) })}</p>
      <button type="submit">${t.t('change.submit')}</button>
    </form>`;
  const why = !isCommitted(pledge) ? t.t('change.notCommitted') : t.t('change.keepItAll');
  return layout(
    context,
    t.t('change.pageTitle'),
    html`<h1>${t.t('change.title')}</h1>
      ${errorSummary(context, errors, labels, view.notice)} ${pledgeHeader(context, view)}
      ${isChangeable(pledge) ? form : html`<p class="notice">${why}</p>`} ${backLink(context, view)}`,
  );
};

/** What cancelling does to this pledge, said before the button: refunded (tip included), or never charged. */
const cancelConsequence = (context: PageContext, pledge: PledgeView): string => {
  const { t, formats } = context;
  if (pledge.fundingModel === 'all_or_nothing') return t.t('cancel.allOrNothing');
  const total = { amount: pledge.amount.amount + pledge.tip.amount, currency: pledge.amount.currency };
  return t.t('cancel.keepItAll', { total: formats.money(total) });
};

/** Cancelling a committed pledge before the deadline. */
export const cancelPledgePage = (context: PageContext, view: PledgeFormView): Html => {
  const { t } = context;
  const { pledge } = view;
  return layout(
    context,
    t.t('cancel.pageTitle'),
    html`<h1>${t.t('cancel.title')}</h1>
      ${errorSummary(context, NO_ERRORS, {}, view.notice)} ${pledgeHeader(context, view)}
      ${isCommitted(pledge)
        ? html`<p>${cancelConsequence(context, pledge)}</p>
            <p>${t.t('cancel.final')}</p>
            <form method="post" action="${localHref(context, PATHS.pledgeCancel(pledge.pledgeId))}" class="stacked">
              ${hiddenFields(context, view)}
              <button type="submit" class="danger">${t.t('cancel.submit')}</button>
            </form>`
        : html`<p class="notice">${t.t('cancel.notCommitted')}</p>`}
      ${backLink(context, view)}`,
  );
};

/** A guest erases the name, e-mail and message of their pledge through its private link (ADR 0022). */
export const guestErasurePage = (context: PageContext, view: PledgeFormView): Html => {
  const { t } = context;
  const { pledge } = view;
  return layout(
    context,
    t.t('guestErase.pageTitle'),
    html`<h1>${t.t('guestErase.title')}</h1>
      ${errorSummary(context, NO_ERRORS, {}, view.notice)} ${pledgeHeader(context, view)}
      <p>${t.t('guestErase.erased')}</p>
      <p>${t.t('guestErase.kept')}</p>
      <form method="post" action="${localHref(context, PATHS.pledgeErase(pledge.pledgeId))}" class="stacked">
        ${hiddenFields(context, view)}
        <button type="submit" class="danger">${t.t('guestErase.submit')}</button>
      </form>
      ${backLink(context, view)}`,
  );
};
