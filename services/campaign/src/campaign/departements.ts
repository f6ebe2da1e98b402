/**
 * French départements by INSEE code. Corsica has been `2A` and `2B` since 1976, so there is no
 * `20`; the overseas départements are `971` Guadeloupe, `972` Martinique, `973` Guyane,
 * `974` La Réunion and `976` Mayotte (`975` is Saint-Pierre-et-Miquelon, a collectivité, not a
 * département).
 */
const twoDigits = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, index) => String(from + index).padStart(2, '0'));

/** Every valid code, in the order INSEE lists them. */
export const DEPARTEMENTS: readonly string[] = Object.freeze([
  ...twoDigits(1, 19),
  '2A',
  '2B',
  ...twoDigits(21, 95),
  '971',
  '972',
  '973',
  '974',
  '976',
]);

const CODES: ReadonlySet<string> = new Set(DEPARTEMENTS);

/** Whether `code` is the INSEE code of a département, exactly as written (`2a` and `1` are not). */
export const isDepartement = (code: unknown): code is string => typeof code === 'string' && CODES.has(code);
