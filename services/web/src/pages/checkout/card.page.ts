import { cardStepScript } from '../../card-step.script';
import { html, type Html } from '../../html';
import { CONTENT_SECURITY_POLICY } from '../../security-headers';
import { layout } from '../layout';
import type { PageContext } from '../page-context';

/** Stripe.js, loaded from Stripe as its terms require (never bundled). */
export const STRIPE_JS = 'https://js.stripe.com/v3';

/**
 * The card page's policy: the site's own, plus exactly what Stripe's Payment Element needs — its
 * script, its frames (the card form, 3-D Secure) and its API. No other page allows any script.
 */
export const CARD_STEP_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .concat([
    "script-src 'self' https://js.stripe.com",
    'frame-src https://js.stripe.com https://hooks.stripe.com',
    'connect-src https://api.stripe.com',
  ])
  .join('; ');

export interface CardStepView {
  readonly publishableKey: string;
  readonly kind: 'payment' | 'card_setup';
  readonly clientSecret: string;
  /** Where Stripe.js sends the browser once the intent is settled. */
  readonly returnUrl: string;
}

/**
 * The card step with Stripe's keys: Stripe's Payment Element in Stripe's own frame, mounted by
 * our small script (its settings in data attributes: no inline script). Without JavaScript the
 * page says the card form needs it.
 */
export const cardStepPage = (context: PageContext, view: CardStepView): Html => {
  const { t } = context;
  const payment = view.kind === 'payment';
  return layout(
    context,
    t.t('card.pageTitle'),
    html`<h1>${t.t(payment ? 'card.title.payment' : 'card.title.setup')}</h1>
      <p>${t.t('card.intro')}</p>
      <div
        id="card-step"
        data-publishable-key="${view.publishableKey}"
        data-client-secret="${view.clientSecret}"
        data-kind="${view.kind}"
        data-return-url="${view.returnUrl}"
        data-locale="${context.locale}"
      >
        <noscript><p class="notice">${t.t('card.noScript')}</p></noscript>
        <form id="card-form" class="stacked" hidden>
          <div id="payment-element"></div>
          <p id="card-errors" role="alert"></p>
          <button type="submit">${t.t(payment ? 'card.submit.payment' : 'card.submit.setup')}</button>
        </form>
      </div>
      <script src="${STRIPE_JS}"></script>
      <script src="${cardStepScript().href}"></script>`,
  );
};

/** The card step on a site that has neither Stripe's keys nor the emulator: nothing can be paid. */
export const cardUnavailablePage = (context: PageContext): Html =>
  layout(
    context,
    context.t.t('card.pageTitle'),
    html`<h1>${context.t.t('card.title.payment')}</h1>
      <p class="notice">${context.t.t('card.unavailable')}</p>`,
  );
