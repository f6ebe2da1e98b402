import { parseSafeInteger, safeInteger } from './safe-integer.transformer';

describe('bigint columns as numbers', () => {
  it('reads int8 text exactly', () => {
    expect(safeInteger.from('612345')).toBe(612_345);
    expect(safeInteger.from('-42')).toBe(-42);
    expect(safeInteger.from(null)).toBeNull();
    expect(parseSafeInteger(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses what a number cannot hold exactly, or what is not an integer', () => {
    expect(() => safeInteger.from('9007199254740993')).toThrow(RangeError);
    expect(() => safeInteger.from('12.5')).toThrow(RangeError);
    expect(() => safeInteger.to(0.1)).toThrow(RangeError);
  });

  it('writes a safe integer as text', () => {
    expect(safeInteger.to(612_345)).toBe('612345');
  });
});
