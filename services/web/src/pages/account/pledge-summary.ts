import { html, type Html } from '../../html';
import type { MessageKey } from '../../i18n/messages.fr';
import type { PageContext } from '../page-context';
import type { PledgeView } from './account-views';

/** A pledge's status in the visitor's words. */
export const statusText = (context: PageContext, status: PledgeView['status']): string =>
  context.t.t(`pledgeStatus.${status}` as MessageKey);

/**
 * What a pledge is, line by line: the amount and the tip each on its own line (the tip is never
 * part of the pledge: 100 % of the pledge goes to the project), its status and its date.
 */
export const pledgeFacts = (context: PageContext, pledge: PledgeView): Html => {
  const { t, formats } = context;
  return html`<ul class="pledge-facts">
    <li>${t.t('pledge.amount', { amount: formats.money(pledge.amount) })}</li>
    <li>${t.t('pledge.tip', { amount: formats.money(pledge.tip) })}</li>
    <li>${t.t('pledge.status', { status: statusText(context, pledge.status) })}</li>
    <li>${t.t('pledge.placedAt', { date: formats.date(pledge.placedAt) })}</li>
  </ul>`;
};
