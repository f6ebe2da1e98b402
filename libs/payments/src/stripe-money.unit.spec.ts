import { eur, money, ValidationError } from '@elan/domain-kernel';
import { fromStripeAmount, toStripeAmount } from './stripe-money';

describe('money at Stripe', () => {
  it('sends minor units as they are, with the currency in lower case', () =>
    expect(toStripeAmount(eur(1050))).toEqual({ amount: 1050, currency: 'eur' }));

  it('reads a Stripe amount back as Money in ISO upper case', () => expect(fromStripeAmount(-325, 'eur')).toEqual(eur(-325)));

  it('keeps zero-decimal currencies in their own unit', () =>
    expect(toStripeAmount(money(500, 'JPY'))).toEqual({ amount: 500, currency: 'jpy' }));

  it.each([[eur(0)], [eur(-100)], [{ amount: 10.5, currency: 'EUR' }]])('refuses to move %j', (value) =>
    expect(() => toStripeAmount(value)).toThrow(ValidationError),
  );
});
