import { backersCsv, csvCell, decimalAmount } from './backers-csv';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('the backers CSV', () => {
  it.each([
    [3_000, 'EUR', '30.00'],
    [5, 'EUR', '0.05'],
    [0, 'EUR', '0.00'],
    [123_456_789, 'EUR', '1234567.89'],
    [Number.MAX_SAFE_INTEGER, 'EUR', '90071992547409.91'],
    [1_500, 'JPY', '1500'],
    [1_234, 'KWD', '1.234'],
  ])('writes %i minor units of %s as %s, without floats', (minor, currency, decimal) => {
    expect(decimalAmount(minor, currency)).toBe(decimal);
  });

  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+33 6 12', "'+33 6 12"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tTab', "'\tTab"],
    ['Camille', 'Camille'],
    ['Dupré, Camille', '"Dupré, Camille"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=a,"b"', `"'=a,""b"""`],
  ])('writes the cell %j as %j (formulas defused, RFC 4180 quoting)', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it('starts with a BOM and a header row, ends every record with CRLF, and has no tip column', () => {
    const csv = backersCsv([
      {
        pledgeId: '0190f3a4-5b6c-7d8e-9f01-000000000003',
        publicName: 'anonymous',
        name: 'Camille',
        email: 'camille@example.org',
        amount: eur(2_550),
        tierId: null,
        committedAt: '2026-03-02T08:15:00.000Z',
        status: 'collected',
      },
    ]);

    expect(csv).toBe(
      '\uFEFFname,email,amount,currency,tier,date,status\r\n' +
        'anonymous,camille@example.org,25.50,EUR,,2026-03-02T08:15:00.000Z,collected\r\n',
    );
    expect(backersCsv([])).toBe('\uFEFFname,email,amount,currency,tier,date,status\r\n');
  });
});
