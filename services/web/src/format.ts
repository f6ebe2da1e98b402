import type { Locale } from './i18n/i18n';

/** Money as the API sends it: integer minor units and an ISO 4217 code. */
export interface MoneyView {
  readonly amount: number;
  readonly currency: string;
}

/** Campaign dates are French civil time, wherever the reader is (overseas départements included, for now). */
const TIME_ZONE = 'Europe/Paris';

/** The conventions each language is formatted with: Élan's English readers are mostly in Europe. */
const INTL_LOCALES: Readonly<Record<Locale, string>> = { fr: 'fr-FR', en: 'en-GB' };

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Numbers, money, dates and durations for one language, through `Intl` (ADR 0030). Formatters are
 * made once per language: building an `Intl` object costs far more than using it.
 */
export class Formats {
  private readonly moneyFormats = new Map<string, { whole: Intl.NumberFormat; cents: Intl.NumberFormat; digits: number }>();
  private readonly integers: Intl.NumberFormat;
  private readonly percents: Intl.NumberFormat;
  private readonly dates: Intl.DateTimeFormat;
  private readonly dateTimes: Intl.DateTimeFormat;
  private readonly months: Intl.DateTimeFormat;
  private readonly units: Record<'day' | 'hour' | 'minute', Intl.NumberFormat>;

  private readonly intlLocale: string;

  constructor(readonly locale: Locale) {
    const intlLocale = INTL_LOCALES[locale];
    this.intlLocale = intlLocale;
    this.integers = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 0 });
    this.percents = new Intl.NumberFormat(intlLocale, { style: 'percent', maximumFractionDigits: 0 });
    this.dates = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'long', timeZone: TIME_ZONE });
    this.dateTimes = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE });
    this.months = new Intl.DateTimeFormat(intlLocale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const unit = (name: 'day' | 'hour' | 'minute') =>
      new Intl.NumberFormat(intlLocale, { style: 'unit', unit: name, unitDisplay: 'long', maximumFractionDigits: 0 });
    this.units = { day: unit('day'), hour: unit('hour'), minute: unit('minute') };
  }

  /** 5 000 € for whole amounts, 25,50 € otherwise (fr); €5,000 and €25.50 (en). */
  money(money: MoneyView): string {
    const formats = this.moneyFormatsOf(money.currency);
    const unit = 10 ** formats.digits;
    // Minor units become a decimal for display only; the amount itself is never rounded here.
    const value = money.amount / unit;
    return (money.amount % unit === 0 ? formats.whole : formats.cents).format(value);
  }

  count(value: number): string {
    return this.integers.format(value);
  }

  /** A whole percentage as the API gives it (`percentOfGoal`: 42 → "42 %"). */
  percent(wholePercent: number): string {
    return this.percents.format(wholePercent / 100);
  }

  date(instant: string): string {
    return this.dates.format(new Date(instant));
  }

  dateTime(instant: string): string {
    return this.dateTimes.format(new Date(instant));
  }

  /** A tier's estimated delivery, `YYYY-MM`: "décembre 2026". Anything else is shown as given. */
  month(yearMonth: string): string {
    const match = /^(\d{4})-(\d{2})$/.exec(yearMonth);
    if (!match) return yearMonth;
    return this.months.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
  }

  /**
   * Time left, in the largest unit that still says something: days from two days on, hours from
   * two hours on, else minutes (at least one, so a live campaign never shows "0 minutes").
   */
  duration(seconds: number): string {
    if (seconds >= 2 * DAY) return this.units.day.format(Math.floor(seconds / DAY));
    if (seconds >= 2 * HOUR) return this.units.hour.format(Math.floor(seconds / HOUR));
    return this.units.minute.format(Math.max(1, Math.floor(seconds / MINUTE)));
  }

  private moneyFormatsOf(currency: string): { whole: Intl.NumberFormat; cents: Intl.NumberFormat; digits: number } {
    let formats = this.moneyFormats.get(currency);
    if (!formats) {
      const cents = new Intl.NumberFormat(this.intlLocale, { style: 'currency', currency });
      const digits = cents.resolvedOptions().maximumFractionDigits ?? 2;
      const whole = new Intl.NumberFormat(this.intlLocale, {
        style: 'currency',
        currency,
        maximumFractionDigits: 0,
        minimumFractionDigits: 0,
      });
      formats = { whole, cents, digits };
      this.moneyFormats.set(currency, formats);
    }
    return formats;
  }
}
