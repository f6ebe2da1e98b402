import { currenciesOf, platformMonthsOf } from './platform-months';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const none = { count: 0, amount: eur(0) };
const payoutNovember = {
  month: '2026-11',
  currency: 'EUR',
  pledgesCollected: { count: 3, amount: eur(6_500) },
  pledgesRefunded: { count: 1, amount: eur(1_000) },
  paidOut: { count: 1, amount: eur(5_500) },
  advancesReversed: none,
  processingFeesBorne: eur(231),
};
const tipMonth = (month: string, tips: number, total: number) => ({
  month,
  total: eur(total),
  tips,
  contributions: tips + 1,
  tippedPerMille: 500,
  average: null,
  median: null,
});

describe('the platform by month', () => {
  it('puts each month’s payouts and tips side by side, zeros where one side has nothing', () => {
    const months = platformMonthsOf(
      [payoutNovember],
      [{ currency: 'EUR', months: [tipMonth('2026-10', 1, 50), tipMonth('2026-11', 2, 400)] }],
    );

    expect(months).toEqual([
      {
        month: '2026-10',
        currency: 'EUR',
        pledgesCollected: none,
        pledgesRefunded: none,
        paidOut: none,
        advancesReversed: none,
        tipsReceived: { count: 1, amount: eur(50) },
        processingFeesBorne: eur(0),
      },
      { ...payoutNovember, tipsReceived: { count: 2, amount: eur(400) } },
    ]);
  });

  it('asks the tips in the platform’s currency and in every currency pledges were paid in', () => {
    expect(currenciesOf([])).toEqual(['EUR']);
    expect(currenciesOf([{ ...payoutNovember, currency: 'CHF' }, payoutNovember])).toEqual(['CHF', 'EUR']);
    expect(platformMonthsOf([], [])).toEqual([]);
  });
});
