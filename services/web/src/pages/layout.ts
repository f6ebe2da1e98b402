import { html, type Html } from '../html';
import { DICTIONARIES, LOCALES, type Locale } from '../i18n/i18n';
import { PATHS } from '../routes/paths';
import { csrfField } from './forms';
import { localHref, type PageContext } from './page-context';
import { noticeOf } from './notices';

/** A language's name in itself ("English", "Français"), as the language switch shows it. */
const nameOf = (locale: Locale): string => DICTIONARIES[locale]['language.name'];

/**
 * The visitor's links: log in; or, logged in, their pledges, their campaigns, the moderation and
 * administration pages their roles open, and log out — a POST with the CSRF token, since logging
 * out changes something.
 */
const accountLinks = (context: PageContext): Html => {
  const { t, viewer } = context;
  if (viewer === null) {
    const back =
      context.path === PATHS.login ? '' : `?next=${encodeURIComponent(localHref(context, context.path) + context.search)}`;
    return html`<li><a href="${localHref(context, PATHS.login)}${back}">${t.t('nav.login')}</a></li>`;
  }
  const has = (role: string) => viewer.roles.some((held) => held === role);
  return html`<li><a href="${localHref(context, PATHS.myPledges)}">${t.t('nav.myPledges')}</a></li>
    <li><a href="${localHref(context, PATHS.myCampaigns)}">${t.t('nav.myCampaigns')}</a></li>
    ${(has('moderator') || has('admin')) &&
    html`<li><a href="${localHref(context, PATHS.moderation)}">${t.t('nav.moderation')}</a></li>`}
    ${has('admin') && html`<li><a href="${localHref(context, PATHS.admin)}">${t.t('nav.admin')}</a></li>`}
    <li>
      <form class="inline" method="post" action="${localHref(context, PATHS.logout)}">
        ${csrfField(context)}<button type="submit" class="link">${t.t('nav.logout')}</button>
      </form>
    </li>`;
};

/**
 * The frame of every page: language, title, the one stylesheet, a skip link, the header with the
 * catalog and the language switch (the same page in the other language, a plain link), the
 * footer. No script (ADR 0030).
 */
export const layout = (context: PageContext, title: string, main: Html): Html => {
  const { t } = context;
  const others = LOCALES.filter((locale) => locale !== context.locale);
  const samePageIn = (locale: Locale): string => `/${locale}${context.path}${context.search}`;
  return html`<html lang="${context.locale}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${title}</title>
      <link rel="stylesheet" href="${context.stylesheet}" />
      ${others.map((locale) => html`<link rel="alternate" hreflang="${locale}" href="${samePageIn(locale)}" />`)}
    </head>
    <body>
      <a class="skip" href="#main">${t.t('nav.skip')}</a>
      <header class="site">
        <div class="bar">
          <a class="brand" href="${localHref(context, '/')}">${t.t('site.name')}</a>
          <nav aria-label="${t.t('nav.label')}">
            <ul>
              <li><a href="${localHref(context, '/')}">${t.t('nav.catalog')}</a></li>
              ${accountLinks(context)}
              ${others.map(
                (locale) =>
                  html`<li><a href="${samePageIn(locale)}" hreflang="${locale}" lang="${locale}">${nameOf(locale)}</a></li>`,
              )}
            </ul>
          </nav>
        </div>
        <p class="tagline">${t.t('site.tagline')}</p>
      </header>
      <main id="main" tabindex="-1">${noticeOf(context)}${main}</main>
      <footer class="site">
        <p>${t.t('footer.commission')}</p>
        <p>${t.t('footer.licence')}</p>
      </footer>
    </body>
  </html>`;
};
