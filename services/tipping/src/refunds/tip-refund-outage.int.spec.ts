import { pledgeCommitted, pledgeWithdrawn } from '@elan/contracts';
import { waitUntil } from '@elan/testing';
import { aPledge, committed, withdrawn } from '../test/pledge-events';
import { TippingTestbed } from '../test/tipping.testbed';

const COMMITTED_AT = '2026-11-30T10:00:00.000Z';
const WITHDRAWN_AT = '2026-12-01T10:00:00.000Z';

/**
 * A tip refund owed while the service cannot reach Stripe (here: no key configured) is recorded,
 * retried loudly, and paid once by the service restarted with a key: never forgotten, never twice.
 */
describe('a tip refund owed across a restart without Stripe', () => {
  let bed: TippingTestbed;

  beforeAll(async () => {
    bed = await TippingTestbed.start({ stripe: false });
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('records the refund owed and retries it, then the restarted service pays it exactly once', async () => {
    const pledge = await bed.charge(aPledge({ amount: 2_500, tip: 400 }));
    const stream = bed.publisher(pledge);
    await stream.publish(pledgeCommitted, committed(pledge, COMMITTED_AT));
    await stream.publish(pledgeWithdrawn, withdrawn(pledge, WITHDRAWN_AT, true));

    const waiting = await waitUntil(
      async () => {
        const owed = await bed.refundOwed(pledge.pledgeId);
        return owed && owed.attempts >= 2 ? owed : undefined;
      },
      { timeoutMs: 10_000, description: 'the refund owed failed and was retried' },
    );
    expect(waiting).toMatchObject({ amount: '400', refund_id: null, last_error: expect.stringContaining('STRIPE_SECRET_KEY') });
    await expect(bed.service.parts.tips.state(pledge.pledgeId)).resolves.toMatchObject({ status: 'refunded' });
    expect(await bed.refundsOf(pledge.paymentIntentId)).toEqual([]);

    await bed.restartService({ stripe: true });
    const paid = await waitUntil(
      async () => {
        const owed = await bed.refundOwed(pledge.pledgeId);
        return owed?.refund_id ? owed : undefined;
      },
      { timeoutMs: 10_000, description: 'the restarted service paid the refund owed' },
    );

    const refunds = await bed.refundsOf(pledge.paymentIntentId);
    expect(refunds.map((refund) => [refund.id, refund.amount, refund.metadata?.elan_tip_id])).toEqual([
      [paid.refund_id, 400, pledge.pledgeId],
    ]);
    await bed.refundPledgePart(pledge);
    await expect(bed.chargeOf(pledge.paymentIntentId)).resolves.toMatchObject({ amount: 2_900, amount_refunded: 2_900 });
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });
});
