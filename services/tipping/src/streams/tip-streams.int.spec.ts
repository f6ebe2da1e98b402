import { pledgeCollected, pledgeCommitted, pledgeWithdrawn } from '@elan/contracts';
import { waitUntil } from '@elan/testing';
import { aPledge, collected, committed, withdrawn } from '../test/pledge-events';
import { TippingTestbed } from '../test/tipping.testbed';

const COMMITTED_AT = '2026-11-30T10:00:00.000Z';
const WITHDRAWN_AT = '2026-12-01T10:00:00.000Z';

/**
 * The tip streams fed by the pledge service's events (`tipping-pledges`): real NATS, PostgreSQL
 * and the Stripe emulator through the official SDK. Each money test ends with the books balanced.
 */
describe('the tipping service’s tip streams, from the pledge events', () => {
  let bed: TippingTestbed;

  beforeAll(async () => {
    bed = await TippingTestbed.start();
  });
  afterAll(async () => {
    await bed?.close();
  });

  const statusOf = async (tipId: string) => (await bed.service.parts.tips.state(tipId)).status;
  const waitForStatus = (tipId: string, status: string) =>
    waitUntil(async () => (await statusOf(tipId)) === status, { timeoutMs: 10_000, description: `tip ${tipId} is ${status}` });

  it('records a charged pledge’s tip as paid, and refunds exactly the tip when the pledge is refunded', async () => {
    const pledge = await bed.charge(aPledge({ amount: 3_000, tip: 300 }));
    const stream = bed.publisher(pledge);

    await stream.publish(pledgeCommitted, committed(pledge, COMMITTED_AT));
    await waitForStatus(pledge.pledgeId, 'paid');
    await expect(bed.service.parts.tips.state(pledge.pledgeId)).resolves.toMatchObject({
      paymentId: pledge.paymentIntentId,
      paidAt: COMMITTED_AT,
      contributorRef: pledge.contributorRef,
    });

    await stream.publish(pledgeWithdrawn, withdrawn(pledge, WITHDRAWN_AT, true));
    await bed.refundPledgePart(pledge);
    const [tipRefund] = await waitUntil(
      async () => {
        const refunds = (await bed.refundsOf(pledge.paymentIntentId)).filter((r) => r.metadata?.elan_service === 'tipping');
        return refunds.length > 0 ? refunds : undefined;
      },
      { timeoutMs: 10_000, description: 'the tip’s refund is at Stripe' },
    );

    expect(tipRefund).toMatchObject({ amount: 300, currency: 'eur', metadata: { elan_tip_id: pledge.pledgeId } });
    await expect(bed.tipEvents(pledge.pledgeId)).resolves.toEqual(['TipOffered', 'TipPaid', 'TipRefundedWithPledge']);
    // Pledge and tip refunds add up to the charge, to the cent.
    const charge = await bed.chargeOf(pledge.paymentIntentId);
    expect(charge).toMatchObject({ amount: 3_300, amount_refunded: 3_300, refunded: true });
    await waitUntil(async () => (await bed.refundOwed(pledge.pledgeId))?.refund_id === tipRefund?.id, {
      timeoutMs: 5_000,
      description: 'the refund owed is settled',
    });
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });

  it('changes nothing on duplicates: one tip stream, one refund of the tip', async () => {
    const pledge = await bed.charge(aPledge({ amount: 5_000, tip: 750 }));
    const stream = bed.publisher(pledge);

    await stream.publish(pledgeCommitted, committed(pledge, COMMITTED_AT));
    await stream.again(1);
    await stream.publish(pledgeWithdrawn, withdrawn(pledge, WITHDRAWN_AT, true));
    await stream.again(2);
    await stream.again(1);
    await waitUntil(async () => (await bed.refundOwed(pledge.pledgeId))?.refund_id != null, {
      timeoutMs: 10_000,
      description: 'the tip’s refund is paid',
    });
    // Every copy was delivered and acknowledged: none is left to act later.
    await waitUntil(() => bed.consumerCaughtUp(), { timeoutMs: 10_000, description: 'tipping-pledges has nothing pending' });

    await expect(bed.tipEvents(pledge.pledgeId)).resolves.toEqual(['TipOffered', 'TipPaid', 'TipRefundedWithPledge']);
    const refunds = await bed.refundsOf(pledge.paymentIntentId);
    expect(refunds.map((refund) => refund.amount)).toEqual([750]);
    await bed.refundPledgePart(pledge);
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });

  it('waits for an all-or-nothing pledge’s collection, and releases the tip of a pledge never charged', async () => {
    const collectedPledge = await bed.charge(aPledge({ amount: 2_000, tip: 200 }));
    const releasedPledge = aPledge({ amount: 2_000, tip: 200 });

    const released = bed.publisher(releasedPledge);
    await released.publish(pledgeCommitted, committed(releasedPledge, COMMITTED_AT, 'all_or_nothing'));
    const stream = bed.publisher(collectedPledge);
    await stream.publish(pledgeCommitted, committed(collectedPledge, COMMITTED_AT, 'all_or_nothing'));
    await waitForStatus(collectedPledge.pledgeId, 'offered');
    await stream.publish(pledgeCollected, collected(collectedPledge, WITHDRAWN_AT));
    await waitForStatus(collectedPledge.pledgeId, 'paid');
    await released.publish(pledgeWithdrawn, withdrawn(releasedPledge, WITHDRAWN_AT, false));
    await waitForStatus(releasedPledge.pledgeId, 'released');

    await expect(bed.service.parts.tips.state(collectedPledge.pledgeId)).resolves.toMatchObject({ paidAt: WITHDRAWN_AT });
    await expect(bed.refundOwed(releasedPledge.pledgeId)).resolves.toBeUndefined();
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });

  it('records a 0 tip, and refunds nothing for it when its pledge is refunded', async () => {
    const pledge = await bed.charge(aPledge({ amount: 4_000, tip: 0 }));
    const stream = bed.publisher(pledge);

    await stream.publish(pledgeCommitted, committed(pledge, COMMITTED_AT));
    await stream.publish(pledgeWithdrawn, withdrawn(pledge, WITHDRAWN_AT, true));
    await bed.refundPledgePart(pledge);
    await waitForStatus(pledge.pledgeId, 'refunded');

    await expect(bed.tipEvents(pledge.pledgeId)).resolves.toEqual(['TipOffered', 'TipPaid', 'TipRefundedWithPledge']);
    await expect(bed.refundOwed(pledge.pledgeId)).resolves.toBeUndefined();
    const refunds = await bed.refundsOf(pledge.paymentIntentId);
    expect(refunds.map((refund) => refund.metadata?.elan_service)).toEqual(['pledge']);
    await expect(bed.chargeOf(pledge.paymentIntentId)).resolves.toMatchObject({ amount_refunded: 4_000, refunded: true });
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });

  it('retries a refund Stripe failed, and a lost answer gives the same refund back, never a second one', async () => {
    const pledge = await bed.charge(aPledge({ amount: 1_000, tip: 150 }));
    const stream = bed.publisher(pledge);
    await stream.publish(pledgeCommitted, committed(pledge, COMMITTED_AT));
    await waitForStatus(pledge.pledgeId, 'paid');
    // The first call fails outright; the second refunds, but its answer is lost on the way back,
    // and so is the answer to the SDK's own retry of a closed connection (same key).
    await bed.emulator.control.failNext({ path: '/v1/refunds', method: 'POST', kind: 'http-500' });
    await bed.emulator.control.failNext({
      path: '/v1/refunds',
      method: 'POST',
      kind: 'connection-reset',
      afterProcessing: true,
      times: 2,
    });

    await stream.publish(pledgeWithdrawn, withdrawn(pledge, WITHDRAWN_AT, true));
    const settled = await waitUntil(
      async () => {
        const owed = await bed.refundOwed(pledge.pledgeId);
        return owed?.refund_id ? owed : undefined;
      },
      { timeoutMs: 15_000, description: 'the tip’s refund is paid after the failures' },
    );

    expect(settled.attempts).toBe(3);
    const refunds = await bed.refundsOf(pledge.paymentIntentId);
    expect(refunds.map((refund) => [refund.id, refund.amount])).toEqual([[settled.refund_id, 150]]);
    await bed.refundPledgePart(pledge);
    await expect(bed.chargeOf(pledge.paymentIntentId)).resolves.toMatchObject({ amount_refunded: 1_150, refunded: true });
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });

  it('moves no money when a withdrawal names another payment than the one the tip was paid by', async () => {
    const pledge = await bed.charge(aPledge({ amount: 1_200, tip: 120 }));
    const stream = bed.publisher(pledge);
    await stream.publish(pledgeCommitted, committed(pledge, COMMITTED_AT));
    await waitForStatus(pledge.pledgeId, 'paid');

    await stream.publish(pledgeWithdrawn, withdrawn({ ...pledge, paymentIntentId: 'pi_someone_else' }, WITHDRAWN_AT, true));
    // Retried, then dead-lettered for a person to look at.
    await waitUntil(async () => (await bed.inboxOutcome(pledge.pledgeId, 2)) === 'dead_lettered', {
      timeoutMs: 20_000,
      description: 'the bad withdrawal is dead-lettered',
    });

    await expect(statusOf(pledge.pledgeId)).resolves.toBe('paid');
    await expect(bed.refundOwed(pledge.pledgeId)).resolves.toBeUndefined();
    expect(await bed.refundsOf(pledge.paymentIntentId)).toEqual([]);
  });
});
