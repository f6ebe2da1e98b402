import { ValidationError } from '@elan/domain-kernel';
import { idempotencyKey, MAX_IDEMPOTENCY_KEY_LENGTH } from './idempotency-key';

describe('idempotencyKey', () => {
  const pledgeId = '0190d5f2-7a3b-7c4d-8e5f-6a7b8c9d0e1f';

  it('joins the owner, the Élan id and the operation', () =>
    expect(idempotencyKey('pledge', pledgeId, 'collect')).toBe(`pledge:${pledgeId}:collect`));

  it('is the same for the same ids, so a retry cannot act twice', () =>
    expect(idempotencyKey('pledge', pledgeId, 'collect')).toBe(idempotencyKey('pledge', pledgeId, 'collect')));

  it('tells repeated operations apart by further parts', () =>
    expect(idempotencyKey('pledge', pledgeId, 'collect', 'attempt-2')).toBe(`pledge:${pledgeId}:collect:attempt-2`));

  it.each([[''], ['a:b'], ['a b'], ['é']])('refuses the part %j, which would make keys ambiguous or unreadable', (part) =>
    expect(() => idempotencyKey('pledge', part, 'collect')).toThrow(ValidationError),
  );

  it(`refuses keys longer than Stripe's ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`, () => {
    const id = 'x'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH - 'pledge::collect'.length);
    expect(idempotencyKey('pledge', id, 'collect')).toHaveLength(MAX_IDEMPOTENCY_KEY_LENGTH);
    expect(() => idempotencyKey('pledge', `${id}x`, 'collect')).toThrow(ValidationError);
  });
});
