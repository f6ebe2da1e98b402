import { nextStatementAt, parseStatementInterval } from './statement-schedule';

describe('the keep-it-all statement schedule', () => {
  it('is monthly by default, on the 1st at 00:00 UTC', () => {
    expect(parseStatementInterval(undefined)).toEqual({ kind: 'monthly' });
    expect(nextStatementAt(new Date('2026-01-31T23:59:59.999Z'), parseStatementInterval('monthly')).toISOString()).toBe(
      '2026-02-01T00:00:00.000Z',
    );
    expect(nextStatementAt(new Date('2026-12-01T00:00:00.000Z'), parseStatementInterval('')).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
  });

  it('takes a short interval in milliseconds, and refuses anything else', () => {
    expect(nextStatementAt(new Date('2026-01-01T00:00:00.000Z'), parseStatementInterval('1500')).toISOString()).toBe(
      '2026-01-01T00:00:01.500Z',
    );
    expect(() => parseStatementInterval('weekly')).toThrow(/monthly or milliseconds/);
    expect(() => parseStatementInterval('-5')).toThrow();
  });
});
