import { getPledgeReceipt, listBackers, listCampaignMessages, type PledgeViewer } from '@elan/contracts';
import { eur, ForbiddenError, IllegalStateError, NotFoundError, uuidv7, ValidationError } from '@elan/domain-kernel';
import { readHeads, readLinks } from '@elan/transparency';
import { PledgeHolderTestbed, type TestPledge } from './pledge-holder.testbed';

const account = (roles: ('contributor' | 'admin')[] = ['contributor']) =>
  ({ kind: 'account', accountId: uuidv7(), roles }) as PledgeViewer & { kind: 'account' };
const GUEST_HASH = 'a'.repeat(64);
const guestViewer: PledgeViewer = { kind: 'guest', guestTokenHash: GUEST_HASH };

/**
 * Backers, messages of support and receipts, asked over NATS of the real pledge service, read
 * from its `pledges` view and its log in PostgreSQL, personal data opened by its vault.
 */
describe('what holders and supporters read of the pledges (real PostgreSQL and NATS)', () => {
  let bed: PledgeHolderTestbed;
  const holder = account();
  const admin = account(['contributor', 'admin']);
  const stranger = account();
  const contributor = account();

  const byAccount = (overrides: Partial<TestPledge> = {}): TestPledge => ({
    contributor: { kind: 'account', accountId: contributor.accountId },
    name: 'Alex Martin',
    email: 'alex@example.org',
    showName: true,
    amount: 3_000,
    tip: 300,
    ...overrides,
  });
  const byGuest = (overrides: Partial<TestPledge> = {}): TestPledge => ({
    contributor: { kind: 'guest', guestTokenHash: GUEST_HASH },
    name: 'Camille Dupré',
    email: 'camille@example.org',
    showName: true,
    amount: 2_500,
    tip: 0,
    ...overrides,
  });
  const backers = (campaignId: string, viewer = holder, page: { cursor?: string; limit?: number } = {}) =>
    bed.requests.request(listBackers, { campaignId, viewer: { accountId: viewer.accountId, roles: viewer.roles }, ...page });

  beforeAll(async () => {
    bed = await PledgeHolderTestbed.start();
  });
  afterAll(async () => {
    await bed?.close();
  });

  describe('the backers', () => {
    it('are the pledges committed in time, oldest first, with names and statuses, never the tip', async () => {
      const campaignId = bed.campaign(holder.accountId);
      const named = await bed.pledge(campaignId, byAccount({ message: 'Bravo' }));
      const anonymous = await bed.pledge(campaignId, byGuest({ showName: false }));
      const withdrawn = await bed.pledge(campaignId, byAccount({ amount: 1_000 }));
      await bed.cancel(withdrawn, contributor);
      const unpaid = await bed.pledge(campaignId, byAccount({ amount: 4_000 }), false);

      const page = await backers(campaignId);

      expect(page.nextCursor).toBeNull();
      expect(page.items).toEqual([
        expect.objectContaining({ pledgeId: named, publicName: 'Alex Martin', name: 'Alex Martin', status: 'committed' }),
        {
          pledgeId: anonymous,
          publicName: 'anonymous',
          name: 'Camille Dupré',
          email: 'camille@example.org',
          amount: eur(2_500),
          tierId: null,
          committedAt: expect.any(String),
          status: 'committed',
        },
        expect.objectContaining({ pledgeId: withdrawn, amount: eur(1_000), status: 'cancelled' }),
      ]);
      expect(page.items.map((item) => item.pledgeId)).not.toContain(unpaid);
      expect(JSON.stringify(page)).not.toContain('tip');
      await expect(backers(campaignId, admin)).resolves.toEqual(page);
    });

    it('come page by page, neither skipping nor repeating a pledge', async () => {
      const campaignId = bed.campaign(holder.accountId);
      const all: string[] = [];
      for (let i = 0; i < 5; i++) all.push(await bed.pledge(campaignId, byAccount({ amount: 1_000 + i })));

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await backers(campaignId, holder, { limit: 2, ...(cursor && { cursor }) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((item) => item.pledgeId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);

      expect(seen).toEqual(all);
      await expect(backers(campaignId, holder, { cursor: 'not-ours' })).rejects.toThrow(ValidationError);
    });

    it('are refused to anyone but the holder and admins, even for a campaign without pledges', async () => {
      const pledged = bed.campaign(holder.accountId);
      await bed.pledge(pledged, byAccount());
      const empty = bed.campaign(holder.accountId);

      await expect(backers(pledged, stranger)).rejects.toThrow(ForbiddenError);
      await expect(backers(empty, stranger)).rejects.toThrow(ForbiddenError);
      await expect(backers(empty, holder)).resolves.toEqual({ items: [], nextCursor: null });
      await expect(backers(uuidv7(), holder)).rejects.toThrow(NotFoundError);
    });

    it('show an erased person as erased, amounts intact', async () => {
      const campaignId = bed.campaign(holder.accountId);
      const guest = await bed.pledge(campaignId, byGuest());
      await bed.erase(guest);

      const [item] = (await backers(campaignId)).items;

      expect(item).toMatchObject({ publicName: 'erased', name: 'erased', email: 'erased', amount: eur(2_500) });
    });
  });

  describe('the messages of support', () => {
    it('are those of pledges that count, newest first, an erased author’s left out, page by page', async () => {
      const campaignId = bed.campaign(holder.accountId);
      await bed.pledge(campaignId, byAccount({ message: 'Premier' }));
      const erased = await bed.pledge(campaignId, byGuest({ message: 'Effacé' }));
      await bed.pledge(campaignId, byAccount({ message: 'Troisième', showName: false }));
      await bed.pledge(campaignId, byAccount({ message: 'Jamais payé' }), false);
      const withdrawn = await bed.pledge(campaignId, byAccount({ message: 'Retiré' }));
      await bed.cancel(withdrawn, contributor);
      await bed.pledge(campaignId, byAccount());
      await bed.erase(erased);

      const whole = await bed.requests.request(listCampaignMessages, { campaignId });
      expect(whole).toEqual({
        items: [
          { publicName: 'anonymous', message: 'Troisième', postedAt: expect.any(String) },
          { publicName: 'Alex Martin', message: 'Premier', postedAt: expect.any(String) },
        ],
        nextCursor: null,
      });

      const first = await bed.requests.request(listCampaignMessages, { campaignId, limit: 1 });
      expect(first.items.map((item) => item.message)).toEqual(['Troisième']);
      const second = await bed.requests.request(listCampaignMessages, { campaignId, limit: 1, cursor: first.nextCursor ?? '' });
      expect(second).toEqual({ items: [expect.objectContaining({ message: 'Premier' })], nextCursor: null });
    });

    it('are an empty list for a campaign without any, and not_found for an unknown campaign', async () => {
      await expect(bed.requests.request(listCampaignMessages, { campaignId: bed.campaign(holder.accountId) })).resolves.toEqual({
        items: [],
        nextCursor: null,
      });
      await expect(bed.requests.request(listCampaignMessages, { campaignId: uuidv7() })).rejects.toThrow(NotFoundError);
    });
  });

  describe('a receipt', () => {
    it('shows a paid keep-it-all pledge to its contributor, the guest holding the token, the holder and admins', async () => {
      const campaignId = bed.campaign(holder.accountId);
      const pledgeId = await bed.pledge(campaignId, byGuest({ amount: 2_500, tip: 0 }));

      const receipt = await bed.requests.request(getPledgeReceipt, { pledgeId, viewer: guestViewer });

      expect(receipt).toMatchObject({
        receiptNumber: pledgeId,
        campaign: { campaignId, title: bed.titleOf(campaignId) },
        lines: [
          { kind: 'pledge', amount: eur(2_500) },
          { kind: 'tip', amount: eur(0) },
        ],
        total: eur(2_500),
        contributor: { name: 'Camille Dupré', email: 'camille@example.org' },
        refund: null,
      });
      // The facts it reports stand at the head of the pledge's stream, as the store's links say.
      const [head] = await readHeads(bed.database.pool, bed.database.schema, { streamIds: [`pledge-${pledgeId}`] });
      expect(receipt.facts).toEqual(head);
      for (const viewer of [holder, admin])
        await expect(bed.requests.request(getPledgeReceipt, { pledgeId, viewer })).resolves.toEqual(receipt);
      await expect(bed.requests.request(getPledgeReceipt, { pledgeId, viewer: stranger })).rejects.toThrow(NotFoundError);
    });

    it('exists for an all-or-nothing pledge once collected, dated at the collection', async () => {
      const campaignId = bed.campaign(holder.accountId, 'all_or_nothing');
      const pledgeId = await bed.pledge(campaignId, byAccount());
      const viewer = contributor;

      const unpaid = bed.requests.request(getPledgeReceipt, { pledgeId, viewer });
      await expect(unpaid).rejects.toThrow(IllegalStateError);
      await expect(unpaid).rejects.toMatchObject({ details: { reason: 'not_paid' } });

      bed.clock.advance(2 * 3_600_000);
      const collectedAt = await bed.collect(pledgeId);
      await expect(bed.requests.request(getPledgeReceipt, { pledgeId, viewer })).resolves.toMatchObject({
        fundingModel: 'all_or_nothing',
        total: eur(3_300),
        paidAt: collectedAt,
      });
    });

    it('shows the refund of a withdrawn pledge, and an erased contributor as erased', async () => {
      const campaignId = bed.campaign(holder.accountId);
      const leaving = account();
      const pledgeId = await bed.pledge(
        campaignId,
        byAccount({ contributor: { kind: 'account', accountId: leaving.accountId }, amount: 2_000, tip: 100 }),
      );
      const before = await bed.requests.request(getPledgeReceipt, { pledgeId, viewer: leaving });
      await bed.cancel(pledgeId, leaving);
      await bed.erase(leaving.accountId);

      const receipt = await bed.requests.request(getPledgeReceipt, { pledgeId, viewer: leaving });

      expect(receipt).toMatchObject({
        total: eur(2_100),
        refund: { pledge: eur(2_000), tip: eur(100), total: eur(2_100) },
        contributor: { name: 'erased', email: 'erased' },
      });
      // A later receipt names a later head; the earlier one's facts are still a link of the stream.
      expect(receipt.facts.position).toBeGreaterThan(before.facts.position);
      const links = await readLinks(bed.database.pool, bed.database.schema, `pledge-${pledgeId}`, before.facts.position);
      expect(links[0]).toMatchObject({ position: before.facts.position, hash: before.facts.hash });
      expect(links[links.length - 1]).toMatchObject({ position: receipt.facts.position, hash: receipt.facts.hash });
    });
  });
});
