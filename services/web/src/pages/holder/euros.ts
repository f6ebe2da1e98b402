import type { Locale } from '../../i18n/i18n';

/** Cents in a euro: the goal and tier amounts are EUR (ADR 0010), typed in euros, sent in cents. */
const CENT_DIGITS = 2;

/** The largest amount a form accepts: ten thousand million euros, far below the safe-integer range. */
const MAX_WHOLE_DIGITS = 10;

/**
 * An amount typed in euros, as integer cents — or undefined when it is not one. "5000", "5 000",
 * "5000,5", "5 000,50 €" and "5000.50" are read; a thousands separator other than a space is not
 * (is "5.000" five thousand or five?). The cents come from the text's digits, never from a float,
 * so nothing is rounded (common.md: money in integer minor units).
 */
export const parseEuros = (text: string): number | undefined => {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  const match = new RegExp(`^(\\d{1,${MAX_WHOLE_DIGITS}})(?:[.,](\\d{1,${CENT_DIGITS}}))?$`).exec(compact);
  if (match === null) return undefined;
  const whole = match[1] ?? '0';
  const cents = (match[2] ?? '').padEnd(CENT_DIGITS, '0');
  return Number(`${whole}${cents}`);
};

/** Integer cents as a form shows them again: "5000" or "5000,50" (fr), "5000.50" (en); no rounding. */
export const eurosInput = (cents: number, locale: Locale): string => {
  const digits = String(Math.abs(cents)).padStart(CENT_DIGITS + 1, '0');
  const whole = digits.slice(0, -CENT_DIGITS);
  const fraction = digits.slice(-CENT_DIGITS);
  const sign = cents < 0 ? '-' : '';
  return fraction === '00' ? `${sign}${whole}` : `${sign}${whole}${locale === 'fr' ? ',' : '.'}${fraction}`;
};
