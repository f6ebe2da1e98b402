import type { PledgeView } from '@elan/contracts';
import type { CampaignView } from '../../elan-api';
import { html, type Html } from '../../html';
import type { MessageKey } from '../../i18n/messages.fr';
import { PATHS } from '../../routes/paths';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';

/** Statuses whose pledge stands and may still be changed or cancelled by its contributor before the deadline. */
const CHANGEABLE: readonly PledgeView['status'][] = ['committed'];
/** Statuses of a pledge that was paid: it has a receipt. */
const PAID: readonly PledgeView['status'][] = ['committed', 'refund_requested', 'collected', 'refunded'];

/** A pledge's status in words; a committed one says whether the card was charged or saved. */
export const statusInWords = (context: PageContext, pledge: Pick<PledgeView, 'status' | 'fundingModel'>): string =>
  context.t.t(
    (pledge.status === 'committed'
      ? `pledgePage.status.committed.${pledge.fundingModel}`
      : `pledgePage.status.${pledge.status}`) as MessageKey,
  );

/** Whether the API has a receipt for it: a keep-it-all pledge once paid, an all-or-nothing one once collected. */
export const hasReceipt = (pledge: Pick<PledgeView, 'status' | 'fundingModel'>): boolean =>
  PAID.includes(pledge.status) && !(pledge.fundingModel === 'all_or_nothing' && pledge.status === 'committed');

export interface PledgePageView {
  readonly pledge: PledgeView;
  /** The campaign, for its title; null when it could not be read (the page stands without it). */
  readonly campaign: CampaignView | null;
  /** A guest's private-link token: the page says to keep the link, and every link carries it. */
  readonly guestToken?: string | undefined;
  /** The private link in full, to copy. */
  readonly privateLink?: string | undefined;
}

/**
 * The pledge's page, its receipt for the contributor: the pledge and the tip on lines of their
 * own and the total, the status in words, the campaign, the date; links to change, cancel and the
 * receipt. A guest is told to keep the private link, the only way back to it.
 */
export const pledgePage = (context: PageContext, view: PledgePageView): Html => {
  const { t, formats } = context;
  const { pledge, campaign, guestToken } = view;
  const withToken = (path: string): string =>
    `${localHref(context, path)}${guestToken === undefined ? '' : `?${new URLSearchParams({ token: guestToken })}`}`;
  const total = { amount: pledge.amount.amount + pledge.tip.amount, currency: pledge.amount.currency };
  const tier = campaign?.tiers.find((candidate) => candidate.tierId === pledge.tierId);
  return layout(
    context,
    t.t('pledgePage.pageTitle'),
    html`<h1>${t.t('pledgePage.title')}</h1>
      ${guestToken !== undefined &&
      view.privateLink !== undefined &&
      html`<section class="private-link" aria-labelledby="private-link">
        <h2 id="private-link">${t.t('pledgePage.private.title')}</h2>
        <p>${t.t('pledgePage.private.body')}</p>
        <p>
          ${t.t('pledgePage.private.link')}${t.t('form.errors.separator')}<a href="${view.privateLink}">${view.privateLink}</a>
        </p>
      </section>`}
      <dl class="facts">
        <div>
          <dt>${t.t('pledgePage.campaign')}</dt>
          <dd>
            <a href="${localHref(context, PATHS.campaign(pledge.campaignId))}">${campaign?.title ?? pledge.campaignId}</a>
          </dd>
        </div>
        <div>
          <dt>${t.t('pledgePage.status')}</dt>
          <dd>${statusInWords(context, pledge)}</dd>
        </div>
        <div>
          <dt>${t.t('pledgePage.placedAt')}</dt>
          <dd><time datetime="${pledge.placedAt}">${formats.dateTime(pledge.placedAt)}</time></dd>
        </div>
        ${tier !== undefined &&
        html`<div>
          <dt>${t.t('pledgePage.tier')}</dt>
          <dd>${tier.title}</dd>
        </div>`}
      </dl>
      <h2>${t.t('pledgePage.lines')}</h2>
      <dl class="lines">
        <div>
          <dt>${t.t('pledgePage.line.pledge')}</dt>
          <dd>${formats.money(pledge.amount)}</dd>
        </div>
        <div>
          <dt>${t.t('pledgePage.line.tip')}</dt>
          <dd>${formats.money(pledge.tip)}</dd>
        </div>
        <div class="total">
          <dt>${t.t('pledgePage.line.total')}</dt>
          <dd>${formats.money(total)}</dd>
        </div>
      </dl>
      ${pledge.message !== null &&
      html`<h2>${t.t('pledgePage.message')}</h2>
        <blockquote><p>${pledge.message}</p></blockquote>`}
      <ul class="actions-list">
        ${hasReceipt(pledge) &&
        html`<li><a href="${withToken(`${PATHS.pledge(pledge.pledgeId)}/receipt`)}">${t.t('pledgePage.receipt')}</a></li>`}
        ${CHANGEABLE.includes(pledge.status) &&
        html`<li><a href="${withToken(PATHS.pledgeChange(pledge.pledgeId))}">${t.t('pledgePage.change')}</a></li>
          <li><a href="${withToken(PATHS.pledgeCancel(pledge.pledgeId))}">${t.t('pledgePage.cancel')}</a></li>`}
      </ul>`,
  );
};
