import { en } from './messages.en';
import { fr, type MessageKey } from './messages.fr';

/** The languages of the web front; the first is the default (ADR 0030). */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

export const DICTIONARIES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { fr, en };

export const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

/** Keys that come in `#one` / `#other` forms, named without the suffix. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}#other` ? Base : never }[MessageKey];

export type MessageValues = Readonly<Record<string, string | number>>;

/** The `{name}` placeholders of a message, to check that both languages ask for the same values. */
export const placeholdersOf = (message: string): string[] =>
  [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

/**
 * The language a visitor asked for in `Accept-Language` (`en-GB,en;q=0.8,fr;q=0.5`): the
 * supported language with the highest weight, by primary subtag; French when none is supported.
 */
export const negotiateLocale = (acceptLanguage: string | undefined): Locale => {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  let best: { locale: Locale; weight: number } | undefined;
  for (const range of acceptLanguage.split(',')) {
    const [tag = '', ...parameters] = range.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0] ?? '';
    const quality = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = quality === undefined ? 1 : Number(quality.slice(2));
    if (!isLocale(primary) || !(weight > 0)) continue;
    if (best === undefined || weight > best.weight) best = { locale: primary, weight };
  }
  return best?.locale ?? DEFAULT_LOCALE;
};

/** The strings of one language, with their values filled in. */
export class Translator {
  private readonly plurals: Intl.PluralRules;

  constructor(readonly locale: Locale) {
    this.plurals = new Intl.PluralRules(locale);
  }

  t(key: MessageKey, values: MessageValues = {}): string {
    return DICTIONARIES[this.locale][key].replace(/\{(\w+)\}/g, (_placeholder, name: string) => {
      const value = values[name];
      // A message rendered without its value is a bug in the page, not something to show.
      if (value === undefined) throw new Error(`the message ${key} needs {${name}}`);
      return String(value);
    });
  }

  /** `backers` with count 1 in French: "1 contributeur"; `count` is also a value of the message. */
  plural(key: PluralKey, count: number, formattedCount: string, values: MessageValues = {}): string {
    const form = this.plurals.select(count) === 'one' ? 'one' : 'other';
    return this.t(`${key}#${form}` as MessageKey, { ...values, count: formattedCount });
  }
}
