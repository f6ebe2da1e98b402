import { html, type Html } from '../../html';
import { HOLDER_PATHS } from '../../routes/holder-paths';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import type { HolderCampaignCard, HolderCampaignsPage } from './holder-views';
import { nextStep } from './next-step';

const card = (context: PageContext, campaign: HolderCampaignCard): Html => {
  const { t, formats } = context;
  return html`<li class="holder-card">
    <h2><a href="${localHref(context, HOLDER_PATHS.campaign(campaign.campaignId))}">${campaign.title}</a></h2>
    <dl class="facts">
      <div>
        <dt>${t.t('campaign.status')}</dt>
        <dd>${t.t(`status.${campaign.status}`)}</dd>
      </div>
      <div>
        <dt>${t.t('holder.list.goal')}</dt>
        <dd>${campaign.goal === null ? t.t('holder.list.noGoal') : formats.money(campaign.goal)}</dd>
      </div>
      <div>
        <dt>${t.t('holder.list.committed')}</dt>
        <dd>${formats.money(campaign.committed)}</dd>
      </div>
    </dl>
    <p class="next-step"><strong>${t.t('holder.nextStep')}</strong> ${nextStep(context, campaign)}</p>
  </li>`;
};

/** The holder's campaigns, drafts included, newest first: each with its status and what to do next. */
export const myCampaignsPage = (context: PageContext, page: HolderCampaignsPage, cursor: string | undefined): Html => {
  const { t } = context;
  return layout(
    context,
    t.t('holder.list.pageTitle'),
    html`<h1>${t.t('holder.list.title')}</h1>
      <p class="actions">
        <a class="button" href="${localHref(context, HOLDER_PATHS.newCampaign)}">${t.t('holder.list.new')}</a>
        <a href="${localHref(context, HOLDER_PATHS.payoutAccount)}">${t.t('holder.payoutAccount.link')}</a>
      </p>
      ${page.items.length === 0
        ? html`<p>${t.t(cursor === undefined ? 'holder.list.none' : 'holder.list.noMore')}</p>`
        : html`<ul class="holder-cards">
            ${page.items.map((campaign) => card(context, campaign))}
          </ul>`}
      ${page.nextCursor !== null &&
      html`<nav class="pagination" aria-label="${t.t('holder.list.pages')}">
        <ul>
          <li>
            <a href="${localHref(context, HOLDER_PATHS.campaigns)}?cursor=${encodeURIComponent(page.nextCursor)}"
              >${t.t('holder.list.more')}</a
            >
          </li>
        </ul>
      </nav>`}`,
  );
};
