import { html, type Html } from '../html';
import { layout } from './layout';
import { localHref, type PageContext } from './page-context';

/** No such page, or no such public campaign (404). */
export const notFoundPage = (context: PageContext): Html => {
  const { t } = context;
  return layout(
    context,
    t.t('notFound.pageTitle'),
    html`<h1>${t.t('notFound.title')}</h1>
      <p>${t.t('notFound.body')}</p>
      <p><a href="${localHref(context, '/')}">${t.t('notFound.back')}</a></p>`,
  );
};

/** The API cannot answer (503): say so plainly, say that nothing happened, offer to try again. */
export const unavailablePage = (context: PageContext): Html => {
  const { t } = context;
  return layout(
    context,
    t.t('unavailable.pageTitle'),
    html`<h1>${t.t('unavailable.title')}</h1>
      <p>${t.t('unavailable.body')}</p>
      <p><a href="${localHref(context, context.path)}${context.search}">${t.t('unavailable.retry')}</a></p>`,
  );
};

/** A failure of ours (500): the details go to the log, not to the visitor. */
export const errorPage = (context: PageContext): Html => {
  const { t } = context;
  return layout(
    context,
    t.t('error.pageTitle'),
    html`<h1>${t.t('error.title')}</h1>
      <p>${t.t('error.body')}</p>
      <p><a href="${localHref(context, '/')}">${t.t('notFound.back')}</a></p>`,
  );
};
