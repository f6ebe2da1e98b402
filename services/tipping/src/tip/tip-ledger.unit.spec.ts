import { eur, fold, money, ValidationError } from '@elan/domain-kernel';
import { ledgerLineOf, tipLedger, type LedgerTip } from './tip-ledger';
import { tipDecider } from './tip.decider';
import type { TipEvent } from './tip.events';
import { tipOffered, tipPaid, tipRefunded, tipRefundedWithPledge, tipReleased } from './tip.fixtures';

const paid = (paidMonth: string, cents: number): LedgerTip => ({ paidMonth, amount: eur(cents), refunded: false });
const refunded = (paidMonth: string, cents: number): LedgerTip => ({ paidMonth, amount: eur(cents), refunded: true });

describe('the public tip ledger', () => {
  const ledger = tipLedger(
    [
      paid('2025-04', 200),
      paid('2025-03', 300),
      paid('2025-03', 0),
      paid('2025-02', 0),
      paid('2025-03', 500),
      paid('2025-04', 700),
      paid('2025-03', 1_000),
      paid('2025-03', 0),
      refunded('2025-03', 250),
      paid('2025-03', 150),
      paid('2025-02', 0),
      paid('2025-04', 200),
    ],
    'EUR',
  );

  it('sums each month’s tips, counts its tips and contributions, oldest month first', () =>
    expect(ledger.map(({ month, total, tips, contributions }) => [month, total, tips, contributions])).toEqual([
      ['2025-02', eur(0), 0, 2],
      ['2025-03', eur(1_950), 4, 7],
      ['2025-04', eur(1_100), 3, 3],
    ]));

  it('gives the share of contributions with a tip in ‰, a tip refunded alone counting as none', () =>
    expect(ledger.map((month) => month.tippedPerMille)).toEqual([0, 571, 1_000]));

  it('averages the tips given, half-even to the cent', () =>
    expect(ledger.map((month) => month.average)).toEqual([null, eur(488), eur(367)]));

  it('takes the lower of the two middle tips as the median of an even count', () =>
    expect(ledger.map((month) => month.median)).toEqual([null, eur(300), eur(200)]));

  it('rounds ties to even, in the average and the share', () => {
    const [up] = tipLedger([paid('2025-05', 101), paid('2025-05', 102)], 'EUR');
    const [down] = tipLedger([paid('2025-05', 100), paid('2025-05', 101)], 'EUR');
    expect([up?.average, down?.average]).toEqual([eur(102), eur(100)]);
    const oneIn16 = tipLedger([paid('2025-05', 100), ...Array.from({ length: 15 }, () => paid('2025-05', 0))], 'EUR');
    expect(oneIn16[0]?.tippedPerMille).toBe(62);
    const threeIn16 = tipLedger(
      [...Array.from({ length: 3 }, () => paid('2025-05', 100)), ...Array.from({ length: 13 }, () => paid('2025-05', 0))],
      'EUR',
    );
    expect(threeIn16[0]?.tippedPerMille).toBe(188);
  });

  it('rounds the share to the nearest ‰', () =>
    expect(tipLedger([paid('2025-05', 100), paid('2025-05', 100), paid('2025-05', 0)], 'EUR')[0]?.tippedPerMille).toBe(667));

  it('takes the middle tip of an odd count', () =>
    expect(tipLedger([paid('2025-05', 900), paid('2025-05', 100), paid('2025-05', 400)], 'EUR')[0]?.median).toEqual(eur(400)));

  it('publishes nothing but counts and amounts', () =>
    expect(Object.keys(ledger[1] ?? {}).sort()).toEqual(
      ['average', 'contributions', 'median', 'month', 'tippedPerMille', 'tips', 'total'].sort(),
    ));

  it('is empty without paid pledges', () => expect(tipLedger([], 'EUR')).toEqual([]));

  it('refuses a line in another currency', () =>
    expect(() => tipLedger([{ paidMonth: '2025-03', amount: money(100, 'USD'), refunded: false }], 'EUR')).toThrow(
      ValidationError,
    ));

  it('refuses a month that is not YYYY-MM', () =>
    expect(() => tipLedger([paid('2025-13', 100)], 'EUR')).toThrow(ValidationError));
});

describe('a tip stream’s ledger line', () => {
  const lineOf = (events: readonly TipEvent[]) => ledgerLineOf(fold(tipDecider, events));

  it('counts a paid tip in the month of its payment', () =>
    expect(lineOf([tipOffered(), tipPaid({ paidAt: '2025-03-31T23:59:59.999Z' })])).toEqual({
      paidMonth: '2025-03',
      amount: eur(300),
      refunded: false,
    }));

  it('keeps a tip refunded alone, marked refunded, so its pledge still counts', () =>
    expect(lineOf([tipOffered(), tipPaid(), tipRefunded()])).toEqual({ paidMonth: '2025-03', amount: eur(300), refunded: true }));

  it.each<[string, TipEvent[]]>([
    ['not paid yet', [tipOffered()]],
    ['released with its pledge', [tipOffered(), tipReleased()]],
    ['refunded with its pledge', [tipOffered(), tipPaid(), tipRefundedWithPledge()]],
  ])('leaves out a tip %s', (_name, events) => expect(lineOf(events)).toBeUndefined());
});
