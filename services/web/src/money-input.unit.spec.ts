import { moneyInputOf, parseMoneyInput } from './money-input';

describe('money as people type it', () => {
  it.each([
    ['12,50', 'fr', 1_250],
    ['12.50', 'fr', 1_250],
    ['12.50', 'en', 1_250],
    ['12,5', 'en', 1_250],
    ['19,99', 'fr', 1_999],
    ['0,29', 'fr', 29],
    ['1 234,56 €', 'fr', 123_456],
    ['1\u202f234,56\u00a0€', 'fr', 123_456],
    ['1.234,56', 'fr', 123_456],
    ['1,234.56', 'en', 123_456],
    ['€1,234', 'en', 123_400],
    ['30', 'en', 3_000],
    ['4.35', 'en', 435],
  ] as const)('reads %j (%s) as %i cents, exactly', (typed, locale, cents) => {
    expect(parseMoneyInput(typed, locale)).toEqual({ ok: true, minorUnits: cents });
  });

  it.each([
    ['', 'fr', 'empty'],
    ['  € ', 'fr', 'empty'],
    ['12,505', 'fr', 'invalid'],
    ['1,234', 'fr', 'invalid'],
    ['-5', 'en', 'invalid'],
    ['1e3', 'en', 'invalid'],
    ['douze', 'fr', 'invalid'],
    ['12,50,1', 'fr', 'invalid'],
    ['99999999999999999999', 'en', 'too-large'],
  ] as const)('refuses %j (%s): %s', (typed, locale, error) => {
    expect(parseMoneyInput(typed, locale)).toEqual({ ok: false, error });
  });

  it('writes cents back as the language types them', () => {
    expect(moneyInputOf(1_250, 'fr')).toBe('12,50');
    expect(moneyInputOf(1_205, 'en')).toBe('12.05');
    expect(moneyInputOf(3_000, 'fr')).toBe('30');
    expect(parseMoneyInput(moneyInputOf(987_654_321, 'fr'), 'fr')).toEqual({ ok: true, minorUnits: 987_654_321 });
  });
});
