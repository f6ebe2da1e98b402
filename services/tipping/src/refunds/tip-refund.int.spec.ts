import { getTipLedger, pledgeCommitted, pledgeWithdrawn, refundTip } from '@elan/contracts';
import { ForbiddenError, IllegalStateError, NotFoundError, uuidv7 } from '@elan/domain-kernel';
import { manualClock, waitUntil } from '@elan/testing';
import { DAY_MS } from '../tip';
import { ACCOUNT, aPledge, committed, eur, withdrawn } from '../test/pledge-events';
import { TippingTestbed } from '../test/tipping.testbed';

const PAID_AT = '2026-11-02T09:00:00.000Z';
const ADMIN = '01950000-0000-7000-8000-000000000004';
const STRANGER = '01950000-0000-7000-8000-000000000002';
const contributor = { ref: ACCOUNT, roles: ['contributor' as const] };

/**
 * `rpc.tipping.RefundTip.v1`: a tip refunded alone, by its contributor within 30 days or by an
 * admin, paid at the Stripe emulator exactly once, whatever comes after (asking again, the pledge
 * refunded later). The service's clock is the test's.
 */
describe('a tip refunded alone (rpc.tipping.RefundTip.v1)', () => {
  const clock = manualClock(new Date(PAID_AT));
  let bed: TippingTestbed;

  beforeAll(async () => {
    bed = await TippingTestbed.start({ clock });
  });
  afterAll(async () => {
    await bed?.close();
  });

  const paidPledge = async (tip = 300, contributorRef = ACCOUNT) => {
    const pledge = await bed.charge(aPledge({ tip, contributorRef }));
    const stream = bed.publisher(pledge);
    await stream.publish(pledgeCommitted, committed(pledge, PAID_AT));
    await waitUntil(async () => (await bed.service.parts.tips.state(pledge.pledgeId)).status === 'paid', {
      timeoutMs: 10_000,
      description: 'the tip is paid',
    });
    return { pledge, stream };
  };
  const tipRefundsOf = async (paymentIntentId: string) =>
    (await bed.refundsOf(paymentIntentId)).filter((refund) => refund.metadata?.elan_service === 'tipping');

  it('refunds the tip alone for its contributor; asking again or refunding the pledge later refunds it no more', async () => {
    const { pledge, stream } = await paidPledge(300);

    const reply = await bed.requests.request(refundTip, { actor: contributor, pledgeId: pledge.pledgeId });
    const again = await bed.requests.request(refundTip, { actor: contributor, pledgeId: pledge.pledgeId });

    expect(reply).toEqual({
      pledgeId: pledge.pledgeId,
      tipId: pledge.pledgeId,
      amount: eur(300),
      refundedAs: 'contributor',
      refundedAt: PAID_AT,
    });
    expect(again).toEqual(reply);
    await waitUntil(async () => (await tipRefundsOf(pledge.paymentIntentId)).length === 1, {
      timeoutMs: 10_000,
      description: 'the tip’s refund is at Stripe',
    });
    // The pledge is refunded later: its tip went already, so the pledge service's refund completes the charge.
    await stream.publish(pledgeWithdrawn, withdrawn(pledge, PAID_AT, true));
    await bed.refundPledgePart(pledge);
    await waitUntil(() => bed.consumerCaughtUp(), { timeoutMs: 10_000, description: 'the withdrawal is handled' });

    await expect(bed.tipEvents(pledge.pledgeId)).resolves.toEqual(['TipOffered', 'TipPaid', 'TipRefunded']);
    expect((await tipRefundsOf(pledge.paymentIntentId)).map((refund) => refund.amount)).toEqual([300]);
    await expect(bed.chargeOf(pledge.paymentIntentId)).resolves.toMatchObject({ amount: 3_300, amount_refunded: 3_300 });
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });

  it('keeps the refunded tip’s pledge in the ledger, as not tipped', async () => {
    const { pledge } = await paidPledge(450);
    await bed.requests.request(refundTip, { actor: contributor, pledgeId: pledge.pledgeId });

    await waitUntil(
      async () => {
        const { months } = await bed.requests.request(getTipLedger, { currency: 'EUR', from: '2026-11', to: '2026-11' });
        const lines = await bed.database.pool.query(
          `SELECT refunded FROM ${bed.database.schema}.tip_ledger_lines WHERE tip_id = $1`,
          [pledge.pledgeId],
        );
        return months.length === 1 && lines.rows[0]?.refunded === true;
      },
      { timeoutMs: 10_000, description: 'the ledger line is marked refunded' },
    );
  });

  it('refuses a stranger, an unknown pledge, a 0 tip, and the contributor after 30 days; an admin may then', async () => {
    const { pledge } = await paidPledge(500);
    const zero = await paidPledge(0);

    await expect(
      bed.requests.request(refundTip, { actor: { ref: STRANGER, roles: ['contributor'] }, pledgeId: pledge.pledgeId }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(bed.requests.request(refundTip, { actor: contributor, pledgeId: uuidv7() })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(bed.requests.request(refundTip, { actor: contributor, pledgeId: zero.pledge.pledgeId })).rejects.toBeInstanceOf(
      IllegalStateError,
    );
    clock.advance(30 * DAY_MS + 1);
    await expect(bed.requests.request(refundTip, { actor: contributor, pledgeId: pledge.pledgeId })).rejects.toBeInstanceOf(
      IllegalStateError,
    );
    const byAdmin = await bed.requests.request(refundTip, {
      actor: { ref: ADMIN, roles: ['contributor', 'admin'] },
      pledgeId: pledge.pledgeId,
    });

    expect(byAdmin).toMatchObject({ refundedAs: 'admin', amount: eur(500) });
    await waitUntil(async () => (await tipRefundsOf(pledge.paymentIntentId)).length === 1, {
      timeoutMs: 10_000,
      description: 'the tip’s refund is at Stripe',
    });
    expect(await bed.refundsOf(zero.pledge.paymentIntentId)).toEqual([]);
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });
});
