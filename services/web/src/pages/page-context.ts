import { Formats } from '../format';
import { LOCALES, Translator, type Locale } from '../i18n/i18n';

/** What every page is rendered with: the visitor's language, its strings and formats, where it is. */
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
}

// Translators and formats are made once per language for the life of the process.
const CONTEXTS = new Map<Locale, { t: Translator; formats: Formats }>(
  LOCALES.map((locale) => [locale, { t: new Translator(locale), formats: new Formats(locale) }]),
);

export const pageContext = (locale: Locale, path: string, search: string, stylesheet: string): PageContext => {
  const shared = CONTEXTS.get(locale);
  if (!shared) throw new Error(`no strings for ${locale}`);
  return { locale, ...shared, path, search, stylesheet };
};

/** A path of the site in the page's language: `/fr/campaigns/…`. */
export const localHref = (context: Pick<PageContext, 'locale'>, path: string): string => `/${context.locale}${path}`;
