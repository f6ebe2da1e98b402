/**
 * French full-text search without the `unaccent` extension. Contributors type "eglise" as often
 * as "église", and the French stemmer keeps accents, so text is folded to unaccented letters on
 * both sides — in the stored vector and in the query — with `translate` and `replace`. Both are
 * IMMUTABLE, so the vector can be a generated column; `unaccent()` is not, and would need an
 * extension a managed database may refuse. Stemming (boulangerie / boulangeries) is the French
 * configuration's.
 */

const ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ';
const PLAIN = 'aaaaaaceeeeiiiinooooouuuuyy';
const LIGATURES: ReadonlyArray<readonly [string, string]> = [
  ['œ', 'oe'],
  ['Œ', 'OE'],
  ['æ', 'ae'],
  ['Æ', 'AE'],
];

/** The characters `foldAccents` maps, one to one, lower and upper case (lower() depends on the locale). */
export const ACCENT_MAP = { from: ACCENTED + ACCENTED.toUpperCase(), to: PLAIN + PLAIN.toUpperCase() } as const;

/** SQL that folds the text expression `sql` to unaccented letters. */
export const foldAccents = (sql: string): string => {
  const withoutLigatures = LIGATURES.reduce((inner, [from, to]) => `replace(${inner}, '${from}', '${to}')`, sql);
  return `translate(${withoutLigatures}, '${ACCENT_MAP.from}', '${ACCENT_MAP.to}')`;
};

/** The text search configuration: French stop words and Snowball stemming. */
export const SEARCH_CONFIGURATION = 'french';

const weighted = (column: string, weight: 'A' | 'B' | 'C'): string =>
  `setweight(to_tsvector('${SEARCH_CONFIGURATION}', ${foldAccents(`coalesce(${column}, '')`)}), '${weight}')`;

/** The generated search vector of a campaign: title first, then summary and commune, then story. */
export const campaignSearchVector = (): string =>
  [weighted('title', 'A'), weighted('summary', 'B'), weighted('commune', 'B'), weighted('story', 'C')].join(' || ');

/** The tsquery for what a visitor typed (`websearch_to_tsquery` never fails on stray syntax). */
export const searchQuery = (parameter: string): string =>
  `websearch_to_tsquery('${SEARCH_CONFIGURATION}', ${foldAccents(parameter)})`;
