import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DICTIONARIES, LOCALES, Translator, negotiateLocale, placeholdersOf, type Locale } from './i18n';
import { fr } from './messages.fr';

const keys = Object.keys(fr);

describe('the dictionaries', () => {
  it.each(LOCALES)('%s has every key, and no other', (locale) => {
    expect(Object.keys(DICTIONARIES[locale]).sort()).toEqual([...keys].sort());
  });

  it.each(LOCALES)('%s has no empty string', (locale) => {
    const empty = Object.entries(DICTIONARIES[locale]).filter(([, message]) => message.trim() === '');
    expect(empty).toEqual([]);
  });

  it('asks for the same values in every language', () => {
    const mismatched = keys.filter((key) =>
      LOCALES.some(
        (locale) =>
          placeholdersOf(DICTIONARIES[locale][key as keyof typeof fr]).join() !==
          placeholdersOf(fr[key as keyof typeof fr]).join(),
      ),
    );
    expect(mismatched).toEqual([]);
  });

  it('has both plural forms of every plural message', () => {
    const bases = new Set(keys.filter((key) => /#(one|other)$/.test(key)).map((key) => key.replace(/#(one|other)$/, '')));
    for (const base of bases) expect(keys).toEqual(expect.arrayContaining([`${base}#one`, `${base}#other`]));
  });
});

describe('a translator', () => {
  it('fills in the values', () => {
    expect(new Translator('en').t('card.progress', { committed: '€10', goal: '€20' })).toBe('€10 of €20');
  });

  it('refuses to render a message without one of its values', () => {
    expect(() => new Translator('fr').t('card.progress', { committed: '10 €' })).toThrow('{goal}');
  });

  it('picks the plural form of the language: French says "0 contributeur", English "0 backers"', () => {
    expect(new Translator('fr').plural('backers', 0, '0')).toBe('0 contributeur');
    expect(new Translator('fr').plural('backers', 2, '2')).toBe('2 contributeurs');
    expect(new Translator('en').plural('backers', 0, '0')).toBe('0 backers');
    expect(new Translator('en').plural('backers', 1, '1')).toBe('1 backer');
  });
});

describe('the language a visitor asks for', () => {
  it.each([
    [undefined, 'fr'],
    ['', 'fr'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,de;q=0.9,en;q=0.8,fr;q=0.7', 'en'],
    ['de-DE,de;q=0.9,fr;q=0.8,en;q=0.7', 'fr'],
    ['en;q=0, fr-CA', 'fr'],
    ['es, it', 'fr'],
    ['EN-us', 'en'],
  ])('%j gives %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});

describe('the dictionaries of the areas of the site', () => {
  /**
   * Each area keeps its strings in its own file, spread into one dictionary: a key defined in two
   * files would silently take the later one's text, and the compiler cannot see it.
   */
  it.each(['fr', 'en'])('define each %s key in one file only', (language) => {
    const files = readdirSync(__dirname).filter((file) => file.endsWith(`.${language}.ts`));
    expect(files.length).toBeGreaterThan(2);
    const definedIn = new Map<string, string[]>();
    for (const file of files)
      for (const [, key = ''] of readFileSync(join(__dirname, file), 'utf8').matchAll(/^\s*'([^']+)':/gm))
        definedIn.set(key, [...(definedIn.get(key) ?? []), file]);
    const twice = [...definedIn].filter(([, where]) => where.length > 1).map(([key, where]) => `${key}: ${where.join(', ')}`);
    expect(twice).toEqual([]);
    expect(definedIn.size).toBe(Object.keys(DICTIONARIES[language as Locale]).length);
  });
});
