import type { CampaignView } from '../../elan-api';
import { html, type Html } from '../../html';
import { moneyInputOf } from '../../money-input';
import { PATHS } from '../../routes/paths';
import { csrfField, errorSummary, fieldId, inputField, textareaField } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import type { AmountStep, DetailsStep, Tier } from './checkout.view';

/** A tier that can still be chosen: open, and with units left if it has a limit. */
export const isAvailable = (tier: Tier): boolean => tier.status !== 'closed' && tier.remainingUnits !== 0;

const availabilityOf = (context: PageContext, tier: Tier): string => {
  const { t, formats } = context;
  if (tier.status === 'closed') return t.t('campaign.tier.closed');
  if (tier.remainingUnits === null || tier.quantityLimit === null) return t.t('campaign.tier.unlimited');
  if (tier.remainingUnits === 0) return t.t('campaign.tier.soldOut');
  return t.plural('campaign.tier.remaining', tier.remainingUnits, formats.count(tier.remainingUnits), {
    limit: formats.count(tier.quantityLimit),
  });
};

const checkoutFrame = (context: PageContext, campaign: CampaignView, step: 'step1' | 'step2', body: Html): Html => {
  const { t } = context;
  return layout(
    context,
    t.t('checkout.pageTitle', { title: campaign.title }),
    html`<div class="checkout">
      <p class="back"><a href="${localHref(context, PATHS.campaign(campaign.campaignId))}">${t.t('checkout.back')}</a></p>
      <h1>${t.t('checkout.title', { title: campaign.title })}</h1>
      <p class="step">${t.t(`checkout.${step}`)}</p>
      ${body}
    </div>`,
  );
};

/** A radio with its label; `hint` is read with it (aria-describedby). */
const radio = (
  name: string,
  value: string,
  label: string,
  options: { checked?: boolean; disabled?: boolean; required?: boolean; hint?: string } = {},
): Html => {
  const id = fieldId(`${name}-${value === '' ? 'none' : value}`);
  return html`<div class="choice">
    <input
      type="radio"
      id="${id}"
      name="${name}"
      value="${value}"
      ${options.checked === true && html` checked`}${options.disabled === true && html` disabled`}${options.required === true &&
      html` required`}${options.hint !== undefined && html` aria-describedby="${id}-hint"`}
    />
    <label for="${id}">${label}</label>
    ${options.hint !== undefined && html`<span class="hint" id="${id}-hint">${options.hint}</span>`}
  </div>`;
};

/**
 * The first step, a plain GET form (nothing changes yet, so no CSRF): the amount as the visitor
 * writes it ("12,50" or "12.50") and the tier, each tier with its minimum and the units left.
 * The tip suggestions depend on the amount, so they come at the next step, with no script.
 */
export const checkoutAmountPage = (context: PageContext, campaign: CampaignView, form: AmountStep): Html => {
  const { t, formats } = context;
  const tierError = form.errors.get('tierId');
  const body = html`${errorSummary(context, form.errors, { amount: t.t('checkout.amount'), tierId: t.t('checkout.tier') })}
    <form method="get" action="${localHref(context, PATHS.checkout(campaign.campaignId))}" class="stacked">
      ${inputField({
        name: 'amount',
        label: t.t('checkout.amount'),
        value: form.amountText,
        hint: t.t('checkout.amount.hint'),
        error: form.errors.get('amount'),
        inputmode: 'decimal',
        autocomplete: 'transaction-amount',
        required: true,
      })}
      ${campaign.tiers.length > 0 &&
      html`<fieldset
        class="choices${tierError !== undefined ? ' invalid' : ''}"
        id="${fieldId('tierId')}"
        ${tierError !== undefined && html` aria-describedby="${fieldId('tierId')}-error"`}
      >
        <legend>${t.t('checkout.tier')}</legend>
        ${tierError !== undefined && html`<p class="error" id="${fieldId('tierId')}-error">${tierError}</p>`}
        ${radio('tier', '', t.t('checkout.tier.none'), { checked: form.tierId === '' })}
        ${campaign.tiers.map((tier) =>
          radio(
            'tier',
            tier.tierId,
            `${tier.title} — ${t.t('checkout.tier.from', { amount: formats.money(tier.minimumAmount) })}`,
            {
              checked: form.tierId === tier.tierId,
              disabled: !isAvailable(tier),
              hint: availabilityOf(context, tier),
            },
          ),
        )}
      </fieldset>`}
      <button type="submit">${t.t('checkout.continue')}</button>
    </form>`;
  return checkoutFrame(context, campaign, 'step1', body);
};

const tipSection = (context: PageContext, form: DetailsStep): Html => {
  const { t, formats, locale } = context;
  const share = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  const error = form.errors.get('tip');
  const customError = form.errors.get('tipCustom');
  const suggestions = (form.suggestions?.suggestions ?? []).filter((suggestion) => suggestion.amount.amount > 0);
  const described = [`${fieldId('tip')}-explainer`, error !== undefined && `${fieldId('tip')}-error`].filter(Boolean).join(' ');
  // 0 comes first, then the suggestions beside it, then any amount; none is checked for the visitor.
  return html`<fieldset
    class="choices tips${error !== undefined ? ' invalid' : ''}"
    id="${fieldId('tip')}"
    aria-describedby="${described}"
  >
    <legend>${t.t('checkout.tip')}</legend>
    <p class="hint" id="${fieldId('tip')}-explainer">${t.t('checkout.tip.explainer')}</p>
    ${form.suggestions === null && html`<p class="hint">${t.t('checkout.tip.unavailable')}</p>`}
    ${error !== undefined && html`<p class="error" id="${fieldId('tip')}-error">${error}</p>`}
    ${radio('tip', '0', t.t('checkout.tip.zero'), { checked: form.tip === '0', required: true })}
    ${suggestions.map((suggestion) =>
      radio(
        'tip',
        String(suggestion.amount.amount),
        t.t('checkout.tip.suggestion', {
          amount: formats.money(suggestion.amount),
          // A share in basis points, divided for display only.
          share: share.format(suggestion.shareBasisPoints / 10_000),
        }),
        { checked: form.tip === String(suggestion.amount.amount) },
      ),
    )}
    ${radio('tip', 'custom', t.t('checkout.tip.custom'), { checked: form.tip === 'custom' })}
    ${inputField({
      name: 'tipCustom',
      label: t.t('checkout.tip.customAmount'),
      value: form.tipCustom,
      error: customError,
      inputmode: 'decimal',
    })}
  </fieldset>`;
};

const contributorSection = (context: PageContext, campaign: CampaignView, form: DetailsStep): Html => {
  const { t } = context;
  if (form.contributor.kind === 'account')
    return html`<p>
      ${t.t('checkout.you.account', { name: form.contributor.name === null ? '' : ` (${form.contributor.name})` })}
    </p>`;
  const here = `${localHref(context, PATHS.checkout(campaign.campaignId))}?${new URLSearchParams({
    amount: moneyInputOf(form.amount, context.locale),
    tier: form.tierId,
  })}`;
  return html`<p>
      <a href="${localHref(context, PATHS.login)}?next=${encodeURIComponent(here)}">${t.t('checkout.guest.login')}</a>
      ${t.t('checkout.guest.or')}
    </p>
    ${inputField({
      name: 'name',
      label: t.t('checkout.guest.name'),
      value: form.name,
      autocomplete: 'name',
      required: true,
      maxlength: 200,
      error: form.errors.get('name'),
    })}
    ${inputField({
      name: 'email',
      label: t.t('checkout.guest.email'),
      type: 'email',
      value: form.email,
      autocomplete: 'email',
      required: true,
      maxlength: 254,
      hint: t.t('checkout.guest.email.hint'),
      error: form.errors.get('email'),
    })}`;
};

/**
 * The second step: what was chosen (with a way back to change it), the tip as an explicit choice
 * (0 € first, the suggestions beside it, any amount, none pre-selected, and what tips pay for),
 * the contributor (their account, or a guest's name and address, or a link to log in), the name
 * shown (off) and a message of support. POSTed with the CSRF token and an Idempotency-Key.
 */
export const checkoutDetailsPage = (context: PageContext, campaign: CampaignView, form: DetailsStep): Html => {
  const { t, formats } = context;
  const money = (amount: number) => formats.money({ amount, currency: form.currency });
  const tier = campaign.tiers.find((candidate) => candidate.tierId === form.tierId);
  const changeHref = `${localHref(context, PATHS.checkout(campaign.campaignId))}?${new URLSearchParams({
    amount: moneyInputOf(form.amount, context.locale),
    tier: form.tierId,
  })}`;
  const labels = {
    tip: t.t('checkout.tip'),
    tipCustom: t.t('checkout.tip.customAmount'),
    name: t.t('checkout.guest.name'),
    email: t.t('checkout.guest.email'),
    message: t.t('checkout.message'),
    amount: t.t('checkout.summary.amount'),
    tierId: t.t('checkout.summary.tier'),
  };
  const keepItAll = campaign.fundingModel === 'keep_it_all';
  const body = html`${errorSummary(context, form.errors, labels, form.general)}
    <section aria-labelledby="checkout-summary" class="summary">
      <h2 id="checkout-summary">${t.t('checkout.summary')}</h2>
      <dl class="facts">
        <div>
          <dt>${t.t('checkout.summary.amount')}</dt>
          <dd>${money(form.amount)}</dd>
        </div>
        ${tier !== undefined &&
        html`<div>
          <dt>${t.t('checkout.summary.tier')}</dt>
          <dd>${tier.title}</dd>
        </div>`}
      </dl>
      <p><a href="${changeHref}">${t.t('checkout.summary.change')}</a></p>
    </section>
    <form method="post" action="${localHref(context, PATHS.checkout(campaign.campaignId))}" class="stacked">
      ${csrfField(context)}
      <input type="hidden" name="idem" value="${form.idem}" />
      <input type="hidden" name="amount" value="${String(form.amount)}" />
      <input type="hidden" name="tier" value="${form.tierId}" />
      ${tipSection(context, form)}
      <h2>${t.t('checkout.you')}</h2>
      ${contributorSection(context, campaign, form)}
      <div class="field checkbox">
        <input type="checkbox" id="${fieldId('showName')}" name="showName" value="yes" ${form.showName && html` checked`} />
        <label for="${fieldId('showName')}">${t.t('checkout.showName')}</label>
      </div>
      ${textareaField({
        name: 'message',
        label: t.t('checkout.message'),
        value: form.message,
        rows: 3,
        maxlength: 1_000,
        error: form.errors.get('message'),
      })}
      <p>${t.t(keepItAll ? 'checkout.keepItAll' : 'checkout.allOrNothing')}</p>
      <button type="submit">${t.t(keepItAll ? 'checkout.submit.payment' : 'checkout.submit.setup')}</button>
    </form>`;
  return checkoutFrame(context, campaign, 'step2', body);
};

/** A campaign that takes no pledges now (not live): said plainly, with the way back. */
export const checkoutClosedPage = (context: PageContext, campaign: CampaignView): Html =>
  checkoutFrame(context, campaign, 'step1', html`<p class="notice">${context.t.t('checkout.notLive')}</p>`);
