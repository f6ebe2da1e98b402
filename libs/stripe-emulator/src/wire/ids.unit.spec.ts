import { stripeId } from './ids';

describe('Stripe ids', () => {
  it('are the prefix and 24 base-62 characters, and do not repeat across refills of the random pool', () => {
    const ids = Array.from({ length: 1_000 }, () => stripeId('pi'));
    for (const id of ids) expect(id).toMatch(/^pi_[A-Za-z0-9]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
