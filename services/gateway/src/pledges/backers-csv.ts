import type { ReplyOf, listBackers } from '@elan/contracts';

type Backer = ReplyOf<typeof listBackers>['items'][number];

/** Spreadsheet applications read UTF-8 (accents in names) only when the file starts with a BOM. */
const BYTE_ORDER_MARK = '\uFEFF';
/** RFC 4180: records end with CRLF. */
const CRLF = '\r\n';

export const BACKERS_CSV_HEADER = ['name', 'email', 'amount', 'currency', 'tier', 'date', 'status'] as const;

/** The digits after the decimal point of a currency's major unit (2 for EUR, 0 for JPY), from the runtime's CLDR data. */
export const minorDigitsOf = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/**
 * Minor units as a decimal of the major unit, "30.00" for 3000 EUR cents: string arithmetic on
 * the integer, never a float, so no amount is ever a cent off.
 */
export const decimalAmount = (minorUnits: number, currency: string): string => {
  if (!Number.isSafeInteger(minorUnits)) throw new Error(`amount ${minorUnits} is not a whole number of minor units`);
  const digits = minorDigitsOf(currency);
  const sign = minorUnits < 0 ? '-' : '';
  const units = String(Math.abs(minorUnits)).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${units}`;
  return `${sign}${units.slice(0, -digits)}.${units.slice(-digits)}`;
};

/**
 * A cell that a spreadsheet would run as a formula (CSV injection) starts with `'` instead:
 * names and e-mail addresses are the contributors' own text. Tab and carriage return start
 * formulas in some applications too.
 */
const defused = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** RFC 4180 quoting: a cell with a comma, a quote or a line break is quoted, its quotes doubled. */
export const csvCell = (text: string): string => {
  const safe = defused(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One row per backer, in the header's order; the name is the public one ("anonymous" unless shown), never the tip. */
export const backerRecord = (backer: Backer): string[] => [
  backer.publicName,
  backer.email ?? '',
  decimalAmount(backer.amount.amount, backer.amount.currency),
  backer.amount.currency,
  backer.tierId ?? '',
  backer.committedAt,
  backer.status,
];

/** The whole export: BOM, header row, one record per backer, each ended by CRLF. */
export const backersCsv = (backers: readonly Backer[]): string =>
  BYTE_ORDER_MARK +
  [BACKERS_CSV_HEADER, ...backers.map(backerRecord)].map((cells) => cells.map(csvCell).join(',') + CRLF).join('');
