import type { Locale } from '../../i18n/i18n';

/** How many decimals a currency's minor unit has (EUR: 2), as `Intl` knows it. */
export const minorDigitsOf = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/**
 * An amount typed in a form ("30", "30,50", "1 000.5") as integer minor units, read digit by digit
 * so nothing is ever rounded; undefined for anything else (letters, a third decimal, a minus sign).
 */
export const parseAmountInput = (typed: string, digits: number): number | undefined => {
  const compact = typed.replace(/[\s\u00a0\u202f]/g, '');
  const decimals = digits > 0 ? `(?:[.,](\\d{1,${digits}}))?` : '';
  const match = new RegExp(`^(\\d{1,15})${decimals}$`).exec(compact);
  if (match === null) return undefined;
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(digits, '0');
  const minor = Number(`${whole}${fraction}`);
  return Number.isSafeInteger(minor) ? minor : undefined;
};

/** Minor units as the form shows them to edit: "30" for whole amounts, "30,50" (fr) or "30.50" (en) otherwise. */
export const amountInputValue = (minor: number, digits: number, locale: Locale): string => {
  const unit = 10 ** digits;
  const whole = Math.trunc(minor / unit);
  const fraction = minor % unit;
  if (fraction === 0) return String(whole);
  return `${whole}${locale === 'fr' ? ',' : '.'}${String(fraction).padStart(digits, '0')}`;
};
