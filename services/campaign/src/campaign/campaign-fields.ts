import { isUuid, money, ValidationError, type Money } from '@elan/domain-kernel';
import type { CampaignRules } from './campaign-rules';
import {
  CAMPAIGN_CATEGORIES,
  CAMPAIGN_FUNDING_MODELS,
  type CampaignCategory,
  type FundingModel,
  type Instant,
} from './campaign.values';

/**
 * Checks of single fields. Commands reach the decider already parsed by the gateway, but the
 * domain does not rely on it: every check throws a `ValidationError` whose `details.field` names
 * the field (dotted for nested ones: `location.departement`, `stretchGoals.1.amount`), so the
 * API can point at it. Checkers return the value as it is to be stored.
 */

export const invalid = (field: string, message: string, details: Record<string, unknown> = {}): ValidationError =>
  new ValidationError(`${field} ${message}`, { field, ...details });

/** Length in characters as people count them (code points), not UTF-16 units. */
const lengthOf = (text: string): number => [...text].length;

/**
 * The object without its `undefined` properties, which JSON drops anyway: an event reads the
 * same before and after storage.
 */
export const definedOnly = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;

export const isBlank = (text: string): boolean => text.trim() === '';

export interface TextLimits {
  /** Longest allowed, in characters. */
  readonly max: number;
  /** Whether blank text (empty or only spaces) is refused. */
  readonly required: boolean;
}

export const text = (field: string, value: unknown, { max, required }: TextLimits): string => {
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  if (required && isBlank(value)) throw invalid(field, 'must not be blank');
  if (lengthOf(value) > max) throw invalid(field, `must be at most ${max} characters`, { max });
  return value;
};

export const uuid = (field: string, value: unknown): string => {
  if (typeof value !== 'string' || !isUuid(value)) throw invalid(field, 'must be a UUID');
  return value;
};

export const oneOf = <T extends string>(field: string, value: unknown, allowed: readonly T[]): T => {
  if (!(allowed as readonly unknown[]).includes(value)) throw invalid(field, `must be one of ${allowed.join(', ')}`, { allowed });
  return value as T;
};

export const category = (value: unknown): CampaignCategory => oneOf('category', value, CAMPAIGN_CATEGORIES);

export const fundingModel = (value: unknown): FundingModel => oneOf('fundingModel', value, CAMPAIGN_FUNDING_MODELS);

/** An amount in the rules' currency: positive (goals, prices) or at least zero (totals). */
export const amount = (field: string, value: unknown, rules: CampaignRules, sign: 'positive' | 'non_negative'): Money => {
  const candidate = value as Partial<Money> | null | undefined;
  if (typeof candidate !== 'object' || candidate === null || !Number.isSafeInteger(candidate.amount))
    throw invalid(field, 'must be an amount in whole minor units');
  if (candidate.currency !== rules.currency)
    throw invalid(field, `must be in ${rules.currency}`, { currency: candidate.currency });
  const minor = candidate.amount as number;
  if (sign === 'positive' ? minor <= 0 : minor < 0)
    throw invalid(field, sign === 'positive' ? 'must be more than zero' : 'must not be negative');
  return money(minor, rules.currency);
};

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** Whether the day exists: `Date.parse` rolls 30 February over to 2 March instead of refusing it. */
const isCalendarDay = (year: number, month: number, day: number): boolean =>
  new Date(Date.UTC(year, month - 1, day)).getUTCMonth() === month - 1 && day >= 1;

/**
 * An ISO 8601 date and time with an offset, stored in UTC so instants compare as strings and
 * read models agree: `2025-06-01T10:00:00+02:00` becomes `2025-06-01T08:00:00.000Z`.
 */
export const instant = (field: string, value: unknown): Instant => {
  const parts = typeof value === 'string' ? INSTANT.exec(value) : null;
  const [, year, month, day] = (parts ?? []).map(Number);
  const valid = parts !== null && isCalendarDay(year ?? NaN, month ?? NaN, day ?? NaN);
  const time = valid ? Date.parse(value as string) : NaN;
  if (Number.isNaN(time)) throw invalid(field, 'must be an ISO 8601 date and time with an offset');
  return new Date(time).toISOString();
};

/** Milliseconds since the epoch of an instant the decider stored (always valid). */
export const timeOf = (value: Instant): number => Date.parse(value);

export const httpsUrl = (field: string, value: unknown): string => {
  const url = text(field, value, { max: 2_000, required: true });
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw invalid(field, 'must be a URL');
  }
  if (protocol !== 'https:') throw invalid(field, 'must be an https URL');
  return url;
};

const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const yearMonth = (field: string, value: unknown): string => {
  if (typeof value !== 'string' || !YEAR_MONTH.test(value)) throw invalid(field, 'must be a month as YYYY-MM');
  return value;
};

/** A positive whole count, or `null` for no limit. */
export const quantityLimit = (field: string, value: unknown): number | null => {
  if (value === null) return null;
  if (!Number.isSafeInteger(value) || (value as number) <= 0) throw invalid(field, 'must be a positive whole number or null');
  return value as number;
};

export const count = (field: string, value: unknown): number => {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw invalid(field, 'must be a whole number, at least 0');
  return value as number;
};

/**
 * The entries of `changes` that differ from `current`: an edit that changes nothing records
 * nothing. `null` (a removal) of a field that is absent changes nothing either.
 */
export const changedOnly = <T extends object>(current: object, changes: T): T => {
  const fields = current as Readonly<Record<string, unknown>>;
  const changed = ([key, value]: [string, unknown]) =>
    !sameValue(value, fields[key]) && !(value === null && fields[key] === undefined);
  return Object.fromEntries(Object.entries(changes).filter(changed)) as T;
};

/** Whether two JSON values are equal, whatever the order of their keys (JSONB reorders them). */
export const sameValue = (left: unknown, right: unknown): boolean => {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  const defined = (value: object) => Object.entries(value).filter(([, field]) => field !== undefined);
  const leftEntries = defined(left);
  const rightFields = new Map(defined(right));
  return leftEntries.length === rightFields.size && leftEntries.every(([key, field]) => sameValue(field, rightFields.get(key)));
};
