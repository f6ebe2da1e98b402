import { ValidationError } from '@elan/domain-kernel';
import { decodePledgeCursor, encodePledgeCursor } from './backers-cursor';

const POSITION = {
  committedAt: '2026-03-02T08:15:00.000Z',
  placedAt: '2026-03-02T08:14:58.123Z',
  pledgeId: '0190f3a4-5b6c-7d8e-9f01-000000000003',
};
const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('a cursor of a campaign’s pledges', () => {
  it('comes back as it went, URL-safe', () => {
    const cursor = encodePledgeCursor('backers', POSITION);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePledgeCursor('backers', cursor)).toEqual(POSITION);
  });

  it.each([
    ['another list', encodePledgeCursor('messages', POSITION)],
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{oops').toString('base64url')],
    ['another version', forged([1, 'backers', POSITION.committedAt, POSITION.pledgeId])],
    ['a date that is no instant', forged([2, 'backers', "2026'; DROP TABLE x", POSITION.placedAt, POSITION.pledgeId])],
    ['a day that does not exist', forged([2, 'backers', '2026-02-30T00:00:00.000Z', POSITION.placedAt, POSITION.pledgeId])],
    ['year 0', forged([2, 'backers', POSITION.committedAt, '0000-06-01T00:00:00.000Z', POSITION.pledgeId])],
    ['an id that is no UUID', forged([2, 'backers', POSITION.committedAt, POSITION.placedAt, 'x'])],
    ['nothing', ''],
  ])('is refused with %s, naming the cursor', (_what, cursor) => {
    expect(() => decodePledgeCursor('backers', cursor)).toThrow(ValidationError);
    expect(() => decodePledgeCursor('backers', cursor)).toThrow(expect.objectContaining({ details: { field: 'cursor' } }));
  });
});
