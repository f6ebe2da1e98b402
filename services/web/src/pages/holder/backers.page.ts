import type { CampaignView } from '../../elan-api';
import { html, type Html } from '../../html';
import { HOLDER_PATHS } from '../../routes/holder-paths';
import { layout } from '../layout';
import { localHref, type PageContext } from '../page-context';
import type { BackersPage } from './holder-views';

/**
 * The campaign's backers for its holder: who (the public name, the name, the e-mail address),
 * how much, which reward, when, where the pledge stands — never the tip — and the CSV of them
 * all. Personal data: the page is private (`no-store`) like every page seen logged in.
 */
export const backersPage = (context: PageContext, campaign: CampaignView, page: BackersPage): Html => {
  const { t, formats } = context;
  const tierTitle = (tierId: string | null): string =>
    tierId === null ? '—' : (campaign.tiers.find((tier) => tier.tierId === tierId)?.title ?? '—');
  const id = campaign.campaignId;
  return layout(
    context,
    `${t.t('holder.backers.title')} — ${campaign.title} — ${t.t('site.name')}`,
    html`<p class="back">
        <a href="${localHref(context, HOLDER_PATHS.campaign(id))}">${t.t('holder.backTo', { title: campaign.title })}</a>
      </p>
      <h1>${t.t('holder.backers.title')}</h1>
      <p>${t.t('holder.backers.intro')}</p>
      <p>
        <a class="button" href="${localHref(context, HOLDER_PATHS.backersCsv(id))}" download>${t.t('holder.backers.csv')}</a>
      </p>
      ${page.items.length === 0
        ? html`<p>${t.t('holder.backers.none')}</p>`
        : html`<div class="table-scroll" role="region" aria-labelledby="backers-caption" tabindex="0">
            <table class="data">
              <caption id="backers-caption">
                ${t.t('holder.backers.caption', { title: campaign.title })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t.t('holder.backers.publicName')}</th>
                  <th scope="col">${t.t('holder.backers.name')}</th>
                  <th scope="col">${t.t('holder.backers.email')}</th>
                  <th scope="col">${t.t('holder.backers.amount')}</th>
                  <th scope="col">${t.t('holder.backers.tier')}</th>
                  <th scope="col">${t.t('holder.backers.date')}</th>
                  <th scope="col">${t.t('holder.backers.status')}</th>
                </tr>
              </thead>
              <tbody>
                ${page.items.map(
                  (backer) =>
                    html`<tr>
                      <td>${backer.publicName === 'anonymous' ? t.t('campaign.messages.anonymous') : backer.publicName}</td>
                      <td>${backer.name ?? '—'}</td>
                      <td>${backer.email ?? '—'}</td>
                      <td>${formats.money(backer.amount)}</td>
                      <td>${tierTitle(backer.tierId)}</td>
                      <td><time datetime="${backer.committedAt}">${formats.date(backer.committedAt)}</time></td>
                      <td>${t.t(`holder.backer.${backer.status}`)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
      ${page.nextCursor !== null &&
      html`<nav class="pagination" aria-label="${t.t('holder.list.pages')}">
        <ul>
          <li>
            <a href="${localHref(context, HOLDER_PATHS.backers(id))}?cursor=${encodeURIComponent(page.nextCursor)}"
              >${t.t('holder.list.more')}</a
            >
          </li>
        </ul>
      </nav>`}`,
  );
};
