import { ForbiddenError, ValidationError } from '@elan/domain-kernel';
import { campaignFixtures } from '../campaign/testing';
import type { Viewer } from './campaign-catalog.types';
import { encodeCursor } from './catalog-cursor';
import { created, day, rejected, submitted, throughTo, uuidOf } from './test/campaign-events';
import { openReadModelTestbed, type ReadModelTestbed } from './test/read-model-testbed';

const { HOLDER_ID, MODERATOR_ID, ADMIN_ID } = campaignFixtures;
const c = (n: number): string => uuidOf('c', n);

const holder: Viewer = { accountId: HOLDER_ID, roles: ['contributor', 'holder'] };
const moderator: Viewer = { accountId: MODERATOR_ID, roles: ['contributor', 'moderator'] };
const admin: Viewer = { accountId: ADMIN_ID, roles: ['contributor', 'admin'] };

/**
 * The moderators' review queue (issue #12): submitted campaigns only, the longest waiting first —
 * a campaign rejected then submitted again waits from its new submission — a page at a time, to
 * moderators and admins only. Events are appended for real and projected as in production.
 */
describe('the review queue, as the read models show it', () => {
  let bed: ReadModelTestbed;
  beforeAll(async () => {
    bed = await openReadModelTestbed();
    await bed.startProjection();
    await bed.append(`campaign-${c(1)}`, [created(c(1), { title: 'Soumise en second' }), submitted(c(1), day(0.5))]);
    await bed.append(`campaign-${c(2)}`, [created(c(2), { title: 'Soumise en premier' }), submitted(c(2), day(0.2))]);
    await bed.append(`campaign-${c(3)}`, throughTo(c(3), 'draft'));
    await bed.append(`campaign-${c(4)}`, throughTo(c(4), 'live'));
    await bed.append(`campaign-${c(5)}`, [
      created(c(5)),
      submitted(c(5), day(0.1)),
      rejected(c(5), 'Précisez le budget.', day(0.3)),
    ]);
    await bed.append(`campaign-${c(6)}`, [
      created(c(6), { title: 'Soumise à nouveau' }),
      submitted(c(6), day(0.1)),
      rejected(c(6), 'Ajoutez une image.', day(0.15)),
      submitted(c(6), day(0.8)),
    ]);
    await bed.caughtUp();
  });
  afterAll(() => bed?.dispose());

  it('lists the submitted campaigns only, the longest waiting first, a page at a time', async () => {
    const first = await bed.catalog().submittedForReview(moderator, { limit: 2 });
    expect(first.items.map((card) => [card.campaignId, card.status, card.submittedAt])).toEqual([
      [c(2), 'submitted', day(0.2)],
      [c(1), 'submitted', day(0.5)],
    ]);
    expect(first.items[0]).toMatchObject({ title: 'Soumise en premier', holderId: HOLDER_ID, goal: expect.any(Object) });
    expect(first.nextCursor).not.toBeNull();

    const second = await bed.catalog().submittedForReview(moderator, { limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((card) => [card.campaignId, card.submittedAt, card.rejectionReason])).toEqual([
      // Submitted again: the earlier rejection's reason is behind it.
      [c(6), day(0.8), null],
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('answers admins too, and refuses anyone else', async () => {
    expect((await bed.catalog().submittedForReview(admin)).items.map((card) => card.campaignId)).toEqual([c(2), c(1), c(6)]);
    await expect(bed.catalog().submittedForReview(holder)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses a cursor of another list', async () => {
    const changedCursor = encodeCursor({ sort: 'changed_oldest', key: day(1), campaignId: c(1) });
    await expect(bed.catalog().submittedForReview(moderator, { cursor: changedCursor })).rejects.toBeInstanceOf(ValidationError);
  });
});
