import { amountInputValue, minorDigitsOf, parseAmountInput } from './money-input';

describe('an amount typed in a form', () => {
  it('is read digit by digit into minor units, with a comma or a point, spaces between thousands', () => {
    expect(parseAmountInput('30', 2)).toBe(3_000);
    expect(parseAmountInput('30,5', 2)).toBe(3_050);
    expect(parseAmountInput('30.05', 2)).toBe(3_005);
    expect(parseAmountInput(' 1 000,50 ', 2)).toBe(100_050);
    expect(parseAmountInput('1\u202f000', 2)).toBe(100_000);
    // 0.1 + 0.2 would not be 0.3 in floating point: the digits are never multiplied.
    expect(parseAmountInput('0,29', 2)).toBe(29);
    expect(parseAmountInput('1500', 0)).toBe(1_500);
  });

  it('is refused when it is not plainly a non-negative amount of the currency', () => {
    for (const typed of ['', 'trente', '-5', '30,505', '30,', '1e3', '30,50 €', '1,000.50', '9999999999999999'])
      expect(parseAmountInput(typed, 2)).toBeUndefined();
    expect(parseAmountInput('15,5', 0)).toBeUndefined();
  });

  it('is shown to edit as the page’s language writes it, and read back the same', () => {
    expect(amountInputValue(3_000, 2, 'fr')).toBe('30');
    expect(amountInputValue(5_050, 2, 'fr')).toBe('50,50');
    expect(amountInputValue(5_005, 2, 'en')).toBe('50.05');
    for (const minor of [0, 1, 99, 5_050, 123_456_789]) expect(parseAmountInput(amountInputValue(minor, 2, 'fr'), 2)).toBe(minor);
  });

  it('knows the currency’s decimals', () => {
    expect(minorDigitsOf('EUR')).toBe(2);
    expect(minorDigitsOf('JPY')).toBe(0);
  });
});
