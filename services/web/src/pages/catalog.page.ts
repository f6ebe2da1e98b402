import { CAMPAIGN_CATEGORIES, CATALOG_SORTS, CATALOG_STATUSES } from '@elan/contracts';
import { catalogSearch, type ParsedCatalogQuery } from '../catalog-query';
import { DEPARTEMENTS, departementLabel } from '../departements';
import type { CampaignCard, CatalogPage } from '../elan-api';
import { html, type Html } from '../html';
import { campaignMoment, campaignProgress } from './campaign-progress';
import { layout } from './layout';
import { localHref, type PageContext } from './page-context';

/** Cover images in a card: a 16:9 box, so the layout is fixed before the image arrives. */
const CARD_IMAGE = { width: 640, height: 360 } as const;

const option = (value: string, label: string, selected: string | undefined): Html =>
  html`<option value="${value}" ${value === (selected ?? '') && html` selected`}>${label}</option>`;

const select = (id: string, label: string, options: Html[]): Html =>
  html`<div class="field">
    <label for="${id}">${label}</label
    ><select id="${id}" name="${id}">
      ${options}
    </select>
  </div>`;

/** The search form: a plain GET, so every search is a URL that can be shared, bookmarked and cached. */
const searchForm = (context: PageContext, search: ParsedCatalogQuery['query']): Html => {
  const { t } = context;
  return html`<form class="search" method="get" action="${localHref(context, '/')}" role="search">
    <fieldset>
      <legend>${t.t('catalog.search.legend')}</legend>
      <div class="field">
        <label for="q">${t.t('catalog.search.q')}</label
        ><input id="q" name="q" type="search" maxlength="200" value="${search.q ?? ''}" />
      </div>
      ${select('departement', t.t('catalog.search.departement'), [
        option('', t.t('catalog.search.anyDepartement'), search.departement),
        ...DEPARTEMENTS.map(([code]) => option(code, departementLabel(code), search.departement)),
      ])}
      ${select('category', t.t('catalog.search.category'), [
        option('', t.t('catalog.search.anyCategory'), search.category),
        ...CAMPAIGN_CATEGORIES.map((category) => option(category, t.t(`category.${category}`), search.category)),
      ])}
      ${select('status', t.t('catalog.search.status'), [
        option('', t.t('catalog.search.anyStatus'), search.status),
        ...CATALOG_STATUSES.map((status) => option(status, t.t(`status.${status}`), search.status)),
      ])}
      ${select(
        'sort',
        t.t('catalog.search.sort'),
        CATALOG_SORTS.map((sort) => option(sort, t.t(`catalog.sort.${sort}`), search.sort ?? 'newest')),
      )}
    </fieldset>
    <div class="actions">
      <button type="submit">${t.t('catalog.search.submit')}</button>
      <a href="${localHref(context, '/')}">${t.t('catalog.search.reset')}</a>
    </div>
  </form>`;
};

const campaignCard = (context: PageContext, card: CampaignCard): Html => {
  const { t } = context;
  const href = localHref(context, `/campaigns/${card.campaignId}`);
  return html`<li class="card">
    <article>
      ${card.imageUrl !== null &&
      html`<img
        src="${card.imageUrl}"
        alt=""
        width="${CARD_IMAGE.width}"
        height="${CARD_IMAGE.height}"
        loading="lazy"
        decoding="async"
      />`}
      <h3><a href="${href}">${card.title}</a></h3>
      <p class="meta">
        ${t.t(`category.${card.category}`)} · ${card.commune !== null && `${card.commune}, `}${departementLabel(card.departement)}
      </p>
      <p>${card.summary}</p>
      ${campaignProgress(context, card, 'card')}
      <p class="moment">${campaignMoment(context, card, 'card')}</p>
    </article>
  </li>`;
};

/** The home page and catalog: the search form, a page of campaigns, the link to the next page. */
export const catalogPage = (context: PageContext, parsed: ParsedCatalogQuery, page: CatalogPage): Html => {
  const { t } = context;
  const search = parsed.query;
  const main = html`<h1>${t.t('catalog.title')}</h1>
    <p class="lead">${t.t('catalog.intro')}</p>
    ${searchForm(context, search)}
    ${parsed.invalid.length > 0 &&
    html`<p class="notice" role="alert">${t.t('catalog.invalid', { fields: parsed.invalid.join(', ') })}</p>`}
    <section aria-labelledby="results">
      <h2 id="results">${t.t('catalog.results')}</h2>
      ${page.items.length === 0
        ? html`<p>${t.t('catalog.empty')}</p>`
        : html`<ul class="cards">
            ${page.items.map((card) => campaignCard(context, card))}
          </ul>`}
    </section>
    ${(search.cursor !== undefined || page.nextCursor !== null) &&
    html`<nav class="pagination" aria-label="${t.t('catalog.pagination')}">
      <ul>
        ${search.cursor !== undefined &&
        html`<li><a href="${localHref(context, '/')}${catalogSearch(search)}">${t.t('catalog.first')}</a></li>`}
        ${page.nextCursor !== null &&
        html`<li>
          <a rel="next" href="${localHref(context, '/')}${catalogSearch(search, page.nextCursor)}">${t.t('catalog.next')}</a>
        </li>`}
      </ul>
    </nav>`}`;
  return layout(context, t.t('catalog.pageTitle'), main);
};
