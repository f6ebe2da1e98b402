import { Formats } from './format';

/** Intl separates thousands and units with no-break spaces; the tests read them as spaces. */
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

const fr = new Formats('fr');
const en = new Formats('en');
const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('money, per language', () => {
  it('shows whole euros without cents', () => {
    expect(plain(fr.money(eur(500_000)))).toBe('5 000 €');
    expect(en.money(eur(500_000))).toBe('€5,000');
  });

  it('shows cents when there are some', () => {
    expect(plain(fr.money(eur(2_550)))).toBe('25,50 €');
    expect(en.money(eur(2_550))).toBe('€25.50');
    expect(plain(fr.money(eur(1)))).toBe('0,01 €');
  });

  it('reads the minor units of the currency, not always cents', () => {
    expect(plain(fr.money({ amount: 1_500, currency: 'JPY' }))).toBe('1 500 JPY');
  });
});

describe('numbers and percentages', () => {
  it('groups thousands', () => {
    expect(plain(fr.count(185_341))).toBe('185 341');
    expect(en.count(185_341)).toBe('185,341');
  });

  it('shows the API’s whole percentage as it is', () => {
    expect(plain(fr.percent(42))).toBe('42 %');
    expect(en.percent(130)).toBe('130%');
  });
});

describe('dates, in French civil time', () => {
  it('gives the day and the time in Paris, whatever the server’s zone', () => {
    expect(fr.dateTime('2026-12-24T17:30:00Z')).toBe('24 décembre 2026 à 18:30');
    expect(en.dateTime('2026-07-14T08:00:00Z')).toBe('14 July 2026 at 10:00');
  });

  it('names the day in Paris across midnight UTC', () => {
    expect(fr.date('2026-12-31T23:30:00Z')).toBe('1 janvier 2027');
  });

  it('names a tier’s delivery month, and leaves anything else as given', () => {
    expect(fr.month('2026-12')).toBe('décembre 2026');
    expect(en.month('2027-01')).toBe('January 2027');
    expect(en.month('soon')).toBe('soon');
  });
});

describe('time left', () => {
  const DAY = 86_400;

  it('counts days from two days on', () => {
    expect(plain(fr.duration(12 * DAY + 3_600))).toBe('12 jours');
    expect(plain(en.duration(2 * DAY))).toBe('2 days');
  });

  it('counts hours under two days, minutes under two hours', () => {
    expect(plain(fr.duration(DAY + 5 * 3_600))).toBe('29 heures');
    expect(plain(en.duration(90 * 60))).toBe('90 minutes');
  });

  it('never says nothing is left while a campaign is live', () => {
    expect(plain(fr.duration(0))).toBe('1 minute');
    expect(plain(en.duration(59))).toBe('1 minute');
  });
});
