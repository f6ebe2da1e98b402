import { parseForm } from './form';

describe('the form encoding Stripe uses', () => {
  it('nests bracketed keys, indexed and empty-bracket arrays', () => {
    expect(
      parseForm(
        'amount=100&metadata[pledge_id]=p%201&payment_method_types[0]=card&payment_method_types[1]=sepa_debit&expand[]=a&expand[]=b.c&capabilities[transfers][requested]=true',
      ),
    ).toEqual({
      amount: '100',
      metadata: { pledge_id: 'p 1' },
      payment_method_types: ['card', 'sepa_debit'],
      expand: ['a', 'b.c'],
      capabilities: { transfers: { requested: 'true' } },
    });
  });

  it('reads an empty body as no parameters', () => {
    expect(parseForm('')).toEqual({});
  });
});
