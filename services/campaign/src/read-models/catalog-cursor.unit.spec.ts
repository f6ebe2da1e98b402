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
    ['another version', Buffer.from(JSON.stringify([2, 'newest', '2025-03-10T09:00:00.000Z', ID])).toString('base64url'), 'newest'],
  ])('is refused when it has %s', (_, cursor, sort) => {
    expect(() => decodeCursor(cursor, sort, 'instant')).toThrow(ValidationError);
  });

  it('refuses a non-integer key for an integer sort', () => {
    const cursor = encodeCursor({ sort: 'most_funded', key: '12.5', campaignId: ID });
    expect(() => decodeCursor(cursor, 'most_funded', 'integer')).toThrow(ValidationError);
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
