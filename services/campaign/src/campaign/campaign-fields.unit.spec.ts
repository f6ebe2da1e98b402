import { ValidationError } from '@elan/domain-kernel';
import { httpsUrl, instant, sameValue, text } from './campaign-fields';

describe('an instant', () => {
  it.each([
    ['2025-03-10T09:00:00.000Z', '2025-03-10T09:00:00.000Z'],
    ['2025-03-10T10:00:00+01:00', '2025-03-10T09:00:00.000Z'],
    ['2025-03-10T10:00+01:00', '2025-03-10T09:00:00.000Z'],
    ['2024-02-29T23:30:00-01:00', '2024-03-01T00:30:00.000Z'],
  ])('reads %s as %s', (value, stored) => expect(instant('startsAt', value)).toBe(stored));

  it.each([
    '2025-02-30T09:00:00Z',
    '2025-02-29T09:00:00Z',
    '2025-04-31T09:00:00Z',
    '2025-13-01T09:00:00Z',
    '2025-03-10T24:00:00Z',
    '2025-03-10T09:00:00',
    '2025-03-10',
    '10/03/2025 09:00',
    1741597200000,
  ])('refuses %p', (value) => expect(() => instant('startsAt', value)).toThrow(ValidationError));
});

describe('text', () => {
  it('counts characters as people do, not UTF-16 units', () => {
    expect(text('title', '🥖'.repeat(3), { max: 3, required: true })).toBe('🥖🥖🥖');
    expect(() => text('title', '🥖'.repeat(4), { max: 3, required: true })).toThrow(ValidationError);
  });
});

describe('an image URL', () => {
  it.each(['https://images.example.org/four.jpg'])('may be %s', (url) => expect(httpsUrl('imageUrl', url)).toBe(url));

  it.each(['http://images.example.org/four.jpg', 'javascript:alert(1)', 'data:image/png;base64,AAAA', '//example.org/x.jpg'])(
    'may not be %s',
    (url) => expect(() => httpsUrl('imageUrl', url)).toThrow(ValidationError),
  );
});

describe('sameValue', () => {
  it('ignores the order of keys, as JSONB reorders them', () =>
    expect(sameValue({ amount: 1, currency: 'EUR' }, { currency: 'EUR', amount: 1 })).toBe(true));

  it('treats an undefined property as absent', () =>
    expect(sameValue({ departement: '62', commune: undefined }, { departement: '62' })).toBe(true));

  it('tells different values, lists and shapes apart', () => {
    expect(sameValue({ amount: 1, currency: 'EUR' }, { amount: 2, currency: 'EUR' })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(sameValue(null, undefined)).toBe(false);
  });
});
