import type { MailLanguage } from '@elan/contracts';

/** A sum in integer minor units, as on the wire. */
export interface Amount {
  readonly amount: number;
  readonly currency: string;
}

const LOCALES: Record<MailLanguage, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * The decimal string of an amount of minor units (`1250`, 2 digits → `"12.50"`), built from its
 * digits: no division, so no floating point ever touches the cents.
 */
export const decimalOf = (minorUnits: number, digits: number): string => {
  if (!Number.isSafeInteger(minorUnits)) throw new Error(`an amount is a whole number of minor units, not ${minorUnits}`);
  const sign = minorUnits < 0 ? '-' : '';
  const magnitude = String(Math.abs(minorUnits)).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${magnitude}`;
  return `${sign}${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
};

/**
 * `12,50 €` in French, `€12.50` in English, to the cent. Intl formats the exact decimal string
 * (Intl.NumberFormat v3), and tells how many minor digits the currency has.
 */
export const formatMoney = ({ amount, currency }: Amount, language: MailLanguage): string => {
  const format = new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  // A string is formatted as the exact decimal it spells (Node 20); the cast is only for TypeScript's lib.
  return format.format(decimalOf(amount, digits) as unknown as number);
};

/** A date as people read it, in Paris time (Élan's campaigns are French). */
export const formatDate = (instant: string, language: MailLanguage): string =>
  new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(instant));

/** A date and time of day, Paris time: for deadlines a person must act before. */
export const formatDateTime = (instant: string, language: MailLanguage): string =>
  new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(
    new Date(instant),
  );
