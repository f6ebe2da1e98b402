import type { CampaignView } from '../../elan-api';
import { html, type Html } from '../../html';
import { HOLDER_PATHS } from '../../routes/holder-paths';
import { csrfField } from '../forms';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import type { CampaignPayouts, Statement } from './holder-views';

export interface PayoutsView {
  readonly campaign: CampaignView;
  /** Null while the payout service knows no money of the campaign yet (its API answers 404). */
  readonly payouts: CampaignPayouts | null;
  readonly problem?: string | undefined;
  readonly notice?: string | undefined;
}

const statementItem = (context: PageContext, statement: Statement): Html => {
  const { t, formats } = context;
  const { lines, transfer } = statement;
  return html`<li class="statement">
    <h3>${t.t('holder.payouts.statement', { sequence: statement.sequence, date: formats.date(statement.drawnAt) })}</h3>
    <dl class="facts">
      <div>
        <dt>${t.t('holder.payouts.collected')}</dt>
        <dd>${formats.money(lines.pledgesCollected.amount)}</dd>
      </div>
      <div>
        <dt>${t.t('holder.payouts.refunded')}</dt>
        <dd>${formats.money(lines.pledgesRefunded.amount)}</dd>
      </div>
      <div>
        <dt>${t.t('holder.payouts.netDue')}</dt>
        <dd>${formats.money(lines.netDue)}</dd>
      </div>
      <div>
        <dt>${t.t('campaign.status')}</dt>
        <dd>${t.t(`holder.statement.${statement.status}`)}</dd>
      </div>
    </dl>
    ${transfer.paidAt !== null && html`<p>${t.t('holder.payouts.paidAt', { date: formats.dateTime(transfer.paidAt) })}</p>`}
    ${statement.waitingFor !== null && html`<p>${t.t('holder.payouts.waiting')} ${statement.waitingFor.reason}</p>`}
    ${lines.processingFeesBorneByPlatform !== null &&
    html`<p>${t.t('holder.payouts.fees', { amount: formats.money(lines.processingFeesBorneByPlatform) })}</p>`}
  </li>`;
};

/**
 * The campaign's money as the payout service knows it, and its statements, newest first: 100 %
 * of the pledges, fees borne by the platform, tips never in it. A keep-it-all campaign's holder
 * may ask for a statement now.
 */
export const payoutsPage = (context: PageContext, view: PayoutsView): Html => {
  const { t, formats } = context;
  const { campaign, payouts } = view;
  const id = campaign.campaignId;
  const balance = payouts?.balance;
  return layout(
    context,
    `${t.t('holder.payouts.title')} — ${campaign.title} — ${t.t('site.name')}`,
    html`<p class="back">
        <a href="${localHref(context, HOLDER_PATHS.campaign(id))}">${t.t('holder.backTo', { title: campaign.title })}</a>
      </p>
      <h1>${t.t('holder.payouts.title')}</h1>
      ${view.problem !== undefined && html`<div class="error-summary" role="alert"><p>${view.problem}</p></div>`}
      ${view.notice !== undefined && html`<p class="notice" role="status">${view.notice}</p>`}
      <p>${t.t('holder.payouts.intro')}</p>
      <p><a href="${localHref(context, HOLDER_PATHS.payoutAccount)}">${t.t('holder.payoutAccount.link')}</a></p>
      ${balance === undefined
        ? html`<p>${t.t('holder.payouts.nothingYet')}</p>`
        : html`<section aria-labelledby="balance">
              <h2 id="balance">${t.t('holder.payouts.balance')}</h2>
              <dl class="facts">
                <div>
                  <dt>${t.t('holder.payouts.collected')}</dt>
                  <dd>${formats.money(balance.collected.amount)}</dd>
                </div>
                <div>
                  <dt>${t.t('holder.payouts.refunded')}</dt>
                  <dd>${formats.money(balance.refunded.amount)}</dd>
                </div>
                <div>
                  <dt>${t.t('holder.payouts.stated')}</dt>
                  <dd>${formats.money(balance.stated.amount)}</dd>
                </div>
                <div>
                  <dt>${t.t('holder.payouts.netDue')}</dt>
                  <dd>${formats.money(balance.netDue)}</dd>
                </div>
              </dl>
              <p>${balance.nextStatement}</p>
              ${balance.fundingModel === 'keep_it_all' &&
              balance.netDue.amount > 0 &&
              html`<form method="post" action="${localHref(context, HOLDER_PATHS.payouts(id))}">
                ${csrfField(context)}<button type="submit">${t.t('holder.payouts.request')}</button>
              </form>`}
            </section>
            <section aria-labelledby="statements">
              <h2 id="statements">${t.t('holder.payouts.statements')}</h2>
              ${payouts === null || payouts.statements.length === 0
                ? html`<p>${t.t('holder.payouts.none')}</p>`
                : html`<ul class="holder-list">
                      ${payouts.statements.map((statement) => statementItem(context, statement))}
                    </ul>
                    <p>
                      <a href="${localHref(context, HOLDER_PATHS.payoutsCsv(id))}" download>${t.t('holder.payouts.csv')}</a>
                    </p>`}
            </section>`}`,
  );
};
