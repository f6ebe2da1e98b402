import { payoutMonthsOf } from './payout-months';

describe('the payout figures by month', () => {
  it('folds the sums into one row per month and currency, oldest first, zero where nothing happened', () => {
    const months = payoutMonthsOf([
      { figure: 'paid', month: '2026-11', currency: 'EUR', count: 1, amount: 5_500 },
      { figure: 'collected', month: '2026-10', currency: 'EUR', count: 3, amount: 6_500 },
      { figure: 'collected', month: '2026-11', currency: 'EUR', count: 1, amount: 700 },
      { figure: 'collected', month: '2026-11', currency: 'CHF', count: 1, amount: 900 },
      { figure: 'refunded', month: '2026-11', currency: 'EUR', count: 1, amount: 1_000 },
      { figure: 'fees', month: '2026-11', currency: 'EUR', count: 2, amount: 231 },
      { figure: 'reversed', month: '2026-11', currency: 'EUR', count: 1, amount: 400 },
    ]);

    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const none = { count: 0, amount: eur(0) };
    expect(months).toEqual([
      {
        month: '2026-10',
        currency: 'EUR',
        pledgesCollected: { count: 3, amount: eur(6_500) },
        pledgesRefunded: none,
        paidOut: none,
        advancesReversed: none,
        processingFeesBorne: eur(0),
      },
      {
        month: '2026-11',
        currency: 'CHF',
        pledgesCollected: { count: 1, amount: { amount: 900, currency: 'CHF' } },
        pledgesRefunded: { count: 0, amount: { amount: 0, currency: 'CHF' } },
        paidOut: { count: 0, amount: { amount: 0, currency: 'CHF' } },
        advancesReversed: { count: 0, amount: { amount: 0, currency: 'CHF' } },
        processingFeesBorne: { amount: 0, currency: 'CHF' },
      },
      {
        month: '2026-11',
        currency: 'EUR',
        pledgesCollected: { count: 1, amount: eur(700) },
        pledgesRefunded: { count: 1, amount: eur(1_000) },
        paidOut: { count: 1, amount: eur(5_500) },
        advancesReversed: { count: 1, amount: eur(400) },
        processingFeesBorne: eur(231),
      },
    ]);
  });

  it('answers no month without sums', () => {
    expect(payoutMonthsOf([])).toEqual([]);
  });
});
