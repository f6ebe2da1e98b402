import { pledgeCommitted, pledgeWithdrawn } from '@elan/contracts';
import { waitUntil } from '@elan/testing';
import { aPledge, committed, withdrawn } from '../test/pledge-events';
import { TippingTestbed } from '../test/tipping.testbed';

const COMMITTED_AT = '2026-11-30T10:00:00.000Z';
const WITHDRAWN_AT = '2026-12-01T10:00:00.000Z';
const PLEDGES = 20;

/**
 * Two replicas share the consumer's messages, the projections' batches and the refunds owed:
 * each tip of a refunded pledge is still refunded exactly once, and the books balance.
 */
describe('tip refunds with two replicas of the tipping service', () => {
  let bed: TippingTestbed;

  beforeAll(async () => {
    bed = await TippingTestbed.start();
    await bed.startReplica();
  });
  afterAll(async () => {
    await bed?.close();
  });

  it(`refunds each of ${PLEDGES} withdrawn pledges’ tips exactly once`, async () => {
    const pledges = await Promise.all(
      Array.from({ length: PLEDGES }, (_, i) => bed.charge(aPledge({ amount: 2_000 + i, tip: 100 + i }))),
    );
    await Promise.all(
      pledges.map(async (pledge) => {
        const stream = bed.publisher(pledge);
        await stream.publish(pledgeCommitted, committed(pledge, COMMITTED_AT));
        await stream.publish(pledgeWithdrawn, withdrawn(pledge, WITHDRAWN_AT, true));
        await bed.refundPledgePart(pledge);
      }),
    );

    await waitUntil(
      async () => {
        const settled = await Promise.all(pledges.map(async (p) => (await bed.refundOwed(p.pledgeId))?.refund_id != null));
        return settled.every(Boolean);
      },
      { timeoutMs: 20_000, description: 'every tip refund is paid' },
    );
    await waitUntil(() => bed.consumerCaughtUp(), { timeoutMs: 10_000, description: 'tipping-pledges has nothing pending' });

    for (const [i, pledge] of pledges.entries()) {
      const refunds = await bed.refundsOf(pledge.paymentIntentId);
      const tips = refunds.filter((refund) => refund.metadata?.elan_service === 'tipping').map((refund) => refund.amount);
      expect(tips).toEqual([100 + i]);
      await expect(bed.chargeOf(pledge.paymentIntentId)).resolves.toMatchObject({ refunded: true });
    }
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });
});
