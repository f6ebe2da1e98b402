import { html, type Html } from '../../html';
import { PATHS } from '../../routes/paths';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import { isChangeable, isCommitted, type MyPledges, type PledgeCampaign } from './account-views';
import { pledgeFacts } from './pledge-summary';

/** The campaigns of the pledges, by id; a campaign that could not be read is missing. */
export type CampaignsById = ReadonlyMap<string, PledgeCampaign>;

/**
 * The contributor's pledges, newest first: each with its campaign, amount and tip on separate
 * lines, status and date, a link to its page and, while it is committed, to change or cancel it.
 * The links say which campaign they are for (RGAA 6.1: a link's purpose from its text alone).
 */
export const myPledgesPage = (context: PageContext, pledges: MyPledges, campaigns: CampaignsById): Html => {
  const { t } = context;
  const items = pledges.items.map((pledge) => {
    const campaign = campaigns.get(pledge.campaignId);
    const title = campaign?.title ?? t.t('myPledges.unknownCampaign');
    const named = { campaign: title };
    return html`<li class="pledge">
      <h2>
        ${campaign === undefined ? title : html`<a href="${localHref(context, PATHS.campaign(pledge.campaignId))}">${title}</a>`}
      </h2>
      ${pledgeFacts(context, pledge)}
      <ul class="pledge-actions">
        <li>
          <a href="${localHref(context, PATHS.pledge(pledge.pledgeId))}" aria-label="${t.t('pledge.seeNamed', named)}"
            >${t.t('pledge.see')}</a
          >
        </li>
        ${isChangeable(pledge) &&
        html`<li>
          <a href="${localHref(context, PATHS.pledgeChange(pledge.pledgeId))}" aria-label="${t.t('pledge.changeNamed', named)}"
            >${t.t('pledge.change')}</a
          >
        </li>`}
        ${isCommitted(pledge) &&
        html`<li>
          <a href="${localHref(context, PATHS.pledgeCancel(pledge.pledgeId))}" aria-label="${t.t('pledge.cancelNamed', named)}"
            >${t.t('pledge.cancel')}</a
          >
        </li>`}
      </ul>
    </li>`;
  });
  return layout(
    context,
    t.t('myPledges.pageTitle'),
    html`<h1>${t.t('myPledges.title')}</h1>
      ${items.length === 0
        ? html`<p>${t.t('myPledges.empty')} <a href="${localHref(context, PATHS.catalog)}">${t.t('myPledges.browse')}</a></p>`
        : html`<ul class="pledges">
            ${items}
          </ul>`}
      <p><a href="${localHref(context, PATHS.myData)}">${t.t('myPledges.data')}</a></p>`,
  );
};
