import { ValidationError } from '@elan/domain-kernel';
import { decodeCursor, encodeCursor, pageLimit } from './catalog-cursor';

const ID = '01950000-0000-7000-8000-c00000000001';

describe('a catalog cursor', () => {
  it('comes back as it went, for instants and integers', () => {
    const newest = { sort: 'newest', key: '2025-03-10T09:00:00.000Z', campaignId: ID };
    expect(decodeCursor(encodeCursor(newest), 'newest', 'instant')).toEqual(newest);
    const funded = { sort: 'most_funded', key: '612345', campaignId: ID };
    expect(decodeCursor(encodeCursor(funded), 'most_funded', 'integer')).toEqual(funded);
  });

  it('is URL-safe', () => {
    expect(encodeCursor({ sort: 'newest', key: '2025-03-10T09:00:00.000Z', campaignId: ID })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['another sort', encodeCursor({ sort: 'newest', key: '2025-03-10T09:00:00.000Z', campaignId: ID }), 'ending_soon'],
    ['not base64url', 'a+b/c=', 'newest'],
    ['not JSON', Buffer.from('{oops').toString('base64url'), 'newest'],
    ['a key that is no instant', encodeCursor({ sort: 'newest', key: "2025'; DROP TABLE x", campaignId: ID }), 'newest'],
    ['an id that is no UUID', encodeCursor({ sort: 'newest', key: '2025-03-10T09:00:00.000Z', campaignId: 'x' }), 'newest'],
    [
      'another version',
      Buffer.from(JSON.stringify([2, 'newest', '2025-03-10T09:00:00.000Z', ID])).toString('base64url'),
      'newest',
    ],
  ])('is refused when it has %s', (_, cursor, sort) => {
    expect(() => decodeCursor(cursor, sort, 'instant')).toThrow(ValidationError);
  });

  it('refuses a non-integer key for an integer sort', () => {
    const cursor = encodeCursor({ sort: 'most_funded', key: '12.5', campaignId: ID });
    expect(() => decodeCursor(cursor, 'most_funded', 'integer')).toThrow(ValidationError);
  });

  it.each([
    ['past bigint', '99999999999999999999'],
    ['just past bigint', '9223372036854775808'],
    ['inside bigint but not exact in JavaScript', '9007199254740993'],
    ['far below', '-9223372036854775809'],
  ])('refuses an integer key %s, naming the cursor', (_, key) => {
    const cursor = encodeCursor({ sort: 'most_funded', key, campaignId: ID });
    expect(() => decodeCursor(cursor, 'most_funded', 'integer')).toThrow(
      expect.objectContaining({ details: { field: 'cursor' } }),
    );
  });

  it('accepts the largest safe integer and its opposite', () => {
    for (const key of [String(Number.MAX_SAFE_INTEGER), String(-Number.MAX_SAFE_INTEGER)])
      expect(decodeCursor(encodeCursor({ sort: 'most_funded', key, campaignId: ID }), 'most_funded', 'integer').key).toBe(key);
  });

  it.each([
    ['past JavaScript and PostgreSQL', '+275760-09-13T00:00:00.000Z'],
    ['before PostgreSQL', '-271821-04-20T00:00:00.000Z'],
    ['in year 0', '0000-06-01T00:00:00.000Z'],
    ['past year 9999', '+010000-01-01T00:00:00.000Z'],
    ['on a day that does not exist', '2025-02-30T00:00:00.000Z'],
  ])('refuses an instant key %s, naming the cursor', (_, key) => {
    const cursor = encodeCursor({ sort: 'newest', key, campaignId: ID });
    expect(() => decodeCursor(cursor, 'newest', 'instant')).toThrow(expect.objectContaining({ details: { field: 'cursor' } }));
  });

  it('accepts the first and last instants of years 1 to 9999', () => {
    for (const key of ['0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'])
      expect(decodeCursor(encodeCursor({ sort: 'newest', key, campaignId: ID }), 'newest', 'instant').key).toBe(key);
  });
});

describe('a page limit', () => {
  it('is 20 unless given, and 1 to 50 when given', () => {
    expect(pageLimit(undefined)).toBe(20);
    expect(pageLimit(1)).toBe(1);
    expect(pageLimit(50)).toBe(50);
  });

  it.each([0, 51, -1, 2.5, Number.NaN])('refuses %p', (limit) => {
    expect(() => pageLimit(limit)).toThrow(ValidationError);
  });
});
