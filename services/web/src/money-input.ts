/**
 * Money as people type it into a form (issue #12): "12,50" or "12.50", "1 234,50" in French,
 * "1,234.50" in English, with or without "€". Turned into integer minor units by reading the
 * digits, never through a float: "19,99" is 1999, not 1998.9999.
 */

/** Why a typed amount was refused: not an amount at all, or more digits after the separator than cents. */
export type MoneyInputError = 'empty' | 'invalid' | 'too-large';

export type ParsedMoney =
  | { readonly ok: true; readonly minorUnits: number }
  | { readonly ok: false; readonly error: MoneyInputError };

/** Spaces of every kind (French groups digits with a narrow no-break space) and the currency sign. */
const DECORATION = /[\s\u00a0\u202f€]|EUR/gi;
/** Whole units, then one separator and at most two decimals: "12", "12,5", "12.50". */
const PLAIN = /^(\d+)(?:[.,](\d{1,2}))?$/;
/** Grouped thousands in the language's own way: "1.234,50" (fr), "1,234.50" (en). */
const GROUPED = { fr: /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/, en: /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/ } as const;

/** A typed amount in euros as cents, exactly; the language decides what a grouping separator looks like. */
export const parseMoneyInput = (typed: string, locale: 'fr' | 'en'): ParsedMoney => {
  const text = typed.replace(DECORATION, '');
  if (text === '') return { ok: false, error: 'empty' };
  const match = PLAIN.exec(text) ?? GROUPED[locale].exec(text);
  if (match === null) return { ok: false, error: 'invalid' };
  const whole = (match[1] ?? '').replace(/[.,]/g, '');
  const cents = (match[2] ?? '').padEnd(2, '0');
  // Digits joined as text, then read once: the exact number of cents, with no float in between.
  const minorUnits = Number(`${whole}${cents}`);
  if (!Number.isSafeInteger(minorUnits)) return { ok: false, error: 'too-large' };
  return { ok: true, minorUnits };
};

/** Cents as a person would type them back into the field: "12,50" (fr), "12.50" (en), "12" when whole. */
export const moneyInputOf = (minorUnits: number, locale: 'fr' | 'en'): string => {
  const whole = Math.trunc(minorUnits / 100);
  const cents = minorUnits % 100;
  return cents === 0 ? String(whole) : `${whole}${locale === 'fr' ? ',' : '.'}${String(cents).padStart(2, '0')}`;
};
