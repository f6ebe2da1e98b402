import { html, type Html } from '../../html';
import { layout } from '../layout';
import type { PageContext } from '../page-context';

/**
 * The card was declined or 3-D Secure failed: nothing was charged, and the same intent may be
 * tried again with another card (Stripe keeps it waiting for a payment method).
 */
export const paymentFailedPage = (context: PageContext, retryHref: string): Html => {
  const { t } = context;
  return layout(
    context,
    t.t('return.pageTitle'),
    html`<h1>${t.t('return.failed.title')}</h1>
      <p class="notice">${t.t('return.failed.body')}</p>
      <p><a class="button" href="${retryHref}">${t.t('return.retry')}</a></p>`,
  );
};

/**
 * Stripe said yes, but its webhook has not reached the pledge service yet: say so, with a link to
 * look again (no meta refresh: it moves people on before they have read, and axe forbids it).
 */
export const paymentConfirmingPage = (context: PageContext, reloadHref: string): Html => {
  const { t } = context;
  return layout(
    context,
    t.t('return.pageTitle'),
    html`<h1>${t.t('return.confirming.title')}</h1>
      <p role="status">${t.t('return.confirming.body')}</p>
      <p><a href="${reloadHref}">${t.t('return.reload')}</a></p>`,
  );
};
