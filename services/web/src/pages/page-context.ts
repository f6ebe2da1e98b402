import { Formats } from '../format';
import { LOCALES, Translator, type Locale } from '../i18n/i18n';
import type { Viewer } from '../session/session';

/** What every page is rendered with: the visitor's language, its strings and formats, where it is, who. */
export interface PageContext {
  readonly locale: Locale;
  readonly t: Translator;
  readonly formats: Formats;
  /** The path after the language prefix (`/campaigns/…`), to link the same page in another language. */
  readonly path: string;
  /** The query string, `?…` or empty, kept by the language switch. */
  readonly search: string;
  /** The stylesheet's URL, with its content hash. */
  readonly stylesheet: string;
  /** Who is logged in, to choose the links shown; null for a visitor. */
  readonly viewer: Viewer | null;
  /**
   * The CSRF token every form that changes something carries (`csrfField`). Asking for it makes
   * the page private to this browser (it holds the browser's token), so only pages with such a
   * form ask.
   */
  readonly csrf: () => string;
}

// Translators and formats are made once per language for the life of the process.
const CONTEXTS = new Map<Locale, { t: Translator; formats: Formats }>(
  LOCALES.map((locale) => [locale, { t: new Translator(locale), formats: new Formats(locale) }]),
);

/** Who the page is for: a visitor by default, whose pages carry no form that changes something. */
export interface PageAudience {
  readonly viewer: Viewer | null;
  readonly csrf: () => string;
}
const A_VISITOR: PageAudience = {
  viewer: null,
  csrf: () => {
    throw new Error('this page was rendered without a CSRF token source');
  },
};

export const pageContext = (
  locale: Locale,
  path: string,
  search: string,
  stylesheet: string,
  audience: PageAudience = A_VISITOR,
): PageContext => {
  const shared = CONTEXTS.get(locale);
  if (!shared) throw new Error(`no strings for ${locale}`);
  return { locale, ...shared, path, search, stylesheet, ...audience };
};

/** A path of the site in the page's language: `/fr/campaigns/…`. */
export const localHref = (context: Pick<PageContext, 'locale'>, path: string): string => `/${context.locale}${path}`;
