import { html, type Html } from '../../html';
import { HOLDER_PATHS } from '../../routes/holder-paths';
import { csrfField } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import type { PayoutAccountView } from './holder-views';

/** Why the holder is back here: Stripe's onboarding sends them with `?onboarding=done` or `expired`. */
export type OnboardingReturn = 'done' | 'expired' | undefined;

/**
 * The holder's payout account (ADR 0026): where the money of their campaigns is paid. Its
 * status in plain words, what Stripe still needs, and one button that opens the account or
 * continues its onboarding at Stripe (a fresh single-use link each time).
 */
export const payoutAccountPage = (
  context: PageContext,
  account: PayoutAccountView,
  returned: OnboardingReturn,
  problem?: string,
): Html => {
  const { t } = context;
  return layout(
    context,
    t.t('holder.payoutAccount.pageTitle'),
    html`<p class="back"><a href="${localHref(context, HOLDER_PATHS.campaigns)}">${t.t('holder.backToList')}</a></p>
      <h1>${t.t('holder.payoutAccount.title')}</h1>
      ${problem !== undefined && html`<div class="error-summary" role="alert"><p>${problem}</p></div>`}
      ${returned !== undefined && html`<p class="notice" role="status">${t.t(`holder.payoutAccount.returned.${returned}`)}</p>`}
      <p>${t.t('holder.payoutAccount.intro')}</p>
      <dl class="facts">
        <div>
          <dt>${t.t('campaign.status')}</dt>
          <dd>${t.t(`holder.payoutAccount.status.${account.status}`)}</dd>
        </div>
      </dl>
      <p>${account.explanation}</p>
      ${account.requirements.length > 0 &&
      html`<p>${t.t('holder.payoutAccount.requirements')}</p>
        <ul>
          ${account.requirements.map((requirement) => html`<li><code>${requirement}</code></li>`)}
        </ul>`}
      ${account.status !== 'verified' &&
      html`<form method="post" action="${localHref(context, HOLDER_PATHS.payoutAccount)}">
          ${csrfField(context)}
          <button type="submit">
            ${t.t(account.status === 'none' ? 'holder.payoutAccount.open' : 'holder.payoutAccount.continue')}
          </button>
        </form>
        <p class="hint">${t.t('holder.payoutAccount.stripe')}</p>`}`,
  );
};
