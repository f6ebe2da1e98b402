import {
  getTipPaymentFacts,
  pledgeCollected,
  pledgeCommitted,
  pledgeWithdrawn,
  refundTip,
  verifyTipStreams,
} from '@elan/contracts';
import { ValidationError } from '@elan/domain-kernel';
import { alterEventBehindTheStore, planWithoutSeqScan, readAllPages, waitUntil } from '@elan/testing';
import { readHeads } from '@elan/transparency';
import { ACCOUNT, aPledge, collected, committed, eur, withdrawn, type PledgeFacts } from '../test/pledge-events';
import { TippingTestbed } from '../test/tipping.testbed';
import { tipStream, type TipStatus } from '../tip';
import { tipPaymentFactsSql } from './tip-payment-facts';

const contributor = { ref: ACCOUNT, roles: ['contributor' as const] };

/**
 * `rpc.tipping.GetTipPaymentFacts.v1` and `rpc.tipping.VerifyMoneyStreams.v1`, asked over NATS of
 * the real tipping service fed by the pledge events a test publishes, its money at the Stripe
 * emulator: each tip above 0 ever paid, the PaymentIntent that carried it, what was refunded
 * (alone or with its pledge), its stream's head; then its hash chains, intact and altered.
 */
describe('the tipping service’s account for the reconciliation (real PostgreSQL, NATS and Stripe emulator)', () => {
  let bed: TippingTestbed;
  const expected = new Map<string, { pledgeId: string; paymentIntentId: string; paid: unknown; refunded: unknown }>();
  const absent: string[] = [];

  const now = () => new Date().toISOString();
  const tipReaches = (pledgeId: string, status: TipStatus) =>
    waitUntil(async () => (await bed.service.parts.tips.state(pledgeId)).status === status, {
      timeoutMs: 10_000,
      description: `the tip of ${pledgeId} is ${status}`,
    });
  const keepItAllPaid = async (tip: number) => {
    const pledge = await bed.charge(aPledge({ tip }));
    const stream = bed.publisher(pledge);
    await stream.publish(pledgeCommitted, committed(pledge, now()));
    await tipReaches(pledge.pledgeId, 'paid');
    return { pledge, stream };
  };
  const expectFact = (pledge: PledgeFacts & { paymentIntentId: string }, refunded: number | null) =>
    expected.set(pledge.pledgeId, {
      pledgeId: pledge.pledgeId,
      paymentIntentId: pledge.paymentIntentId,
      paid: eur(pledge.tip),
      refunded: refunded === null ? null : eur(refunded),
    });
  const allFacts = (limit: number) =>
    readAllPages(
      (after) => bed.requests.request(getTipPaymentFacts, { limit, ...(after && { after }) }),
      limit,
      (fact) => fact.tipId,
    );

  beforeAll(async () => {
    bed = await TippingTestbed.start();

    const paid = await keepItAllPaid(300);
    expectFact(paid.pledge, null);

    const refundedAlone = await keepItAllPaid(450);
    await bed.requests.request(refundTip, { actor: contributor, pledgeId: refundedAlone.pledge.pledgeId });
    expectFact(refundedAlone.pledge, 450);

    const withItsPledge = await keepItAllPaid(200);
    await withItsPledge.stream.publish(pledgeWithdrawn, withdrawn(withItsPledge.pledge, now(), true));
    await bed.refundPledgePart(withItsPledge.pledge);
    await tipReaches(withItsPledge.pledge.pledgeId, 'refunded');
    expectFact(withItsPledge.pledge, 200);

    const noTip = await keepItAllPaid(0);
    absent.push(noTip.pledge.pledgeId);

    // All-or-nothing: offered at commitment, paid at collection by the collecting PaymentIntent.
    const toCollect = aPledge({ tip: 500 });
    const collecting = bed.publisher(toCollect);
    await collecting.publish(pledgeCommitted, committed(toCollect, now(), 'all_or_nothing'));
    await tipReaches(toCollect.pledgeId, 'offered');
    const charged = await bed.charge(toCollect);
    await collecting.publish(pledgeCollected, collected(charged, now()));
    await tipReaches(toCollect.pledgeId, 'paid');
    expectFact(charged, null);

    const unpaid = aPledge({ tip: 600 });
    await bed.publisher(unpaid).publish(pledgeCommitted, committed(unpaid, now(), 'all_or_nothing'));
    const released = aPledge({ tip: 700 });
    const releasing = bed.publisher(released);
    await releasing.publish(pledgeCommitted, committed(released, now(), 'all_or_nothing'));
    await releasing.publish(pledgeWithdrawn, withdrawn(released, now(), false));
    await tipReaches(unpaid.pledgeId, 'offered');
    await tipReaches(released.pledgeId, 'released');
    absent.push(unpaid.pledgeId, released.pledgeId);

    // Every refund owed is paid at Stripe before the books are checked.
    await waitUntil(
      async () =>
        (await bed.refundsOf(refundedAlone.pledge.paymentIntentId)).length === 1 &&
        (await bed.refundsOf(withItsPledge.pledge.paymentIntentId)).length === 2,
      { timeoutMs: 10_000, description: 'the tips’ refunds are at Stripe' },
    );
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('lists every tip above 0 ever paid, in tip-id order, with its refund and the head of its stream', async () => {
    const { facts, pages } = await allFacts(500);

    const ids = [...expected.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const heads = await readHeads(bed.database.pool, bed.database.schema, { streamIds: ids.map(tipStream) });
    expect(pages).toBe(1);
    expect(facts).toEqual(
      ids.map((id) => ({ tipId: id, ...expected.get(id), stream: heads.find((head) => head.streamId === tipStream(id)) })),
    );
    for (const id of absent) expect(facts.map((fact) => fact.tipId)).not.toContain(id);
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });

  it('comes page by page, neither skipping nor repeating a tip, the last page saying so', async () => {
    const whole = await allFacts(500);

    const byThree = await allFacts(3);
    const byOne = await allFacts(1);

    expect(byThree.pages).toBe(2); // 4 facts: 3, then 1
    expect(byThree.facts).toEqual(whole.facts);
    expect(byOne.pages).toBe(5); // 4 full pages, then an empty one
    expect(byOne.facts).toEqual(whole.facts);
  });

  it('refuses a page of more than 500 facts', async () => {
    await expect(bed.requests.request(getTipPaymentFacts, { limit: 501 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('finds each page through the partial index of paid tips, its filter and the index’s saying the same', async () => {
    const plan = await planWithoutSeqScan(bed.database.pool, tipPaymentFactsSql(bed.database.schema), ['tip-', 500, null]);

    expect(plan).toContain('events_tip_payments');
  });

  it('verifies every hash chain, then names the link of a row altered behind the store’s back', async () => {
    const { rows } = await bed.database.pool.query<{ count: string }>(`SELECT count(*) FROM ${bed.database.schema}.events`);
    await expect(bed.requests.request(verifyTipStreams, {})).resolves.toEqual({
      ok: true,
      eventsChecked: Number(rows[0]?.count),
      firstBrokenLink: null,
    });

    const [victim = ''] = [...expected.keys()];
    const altered = await alterEventBehindTheStore(bed.database.pool, bed.database.schema, {
      streamId: tipStream(victim),
      type: 'TipPaid',
      path: ['amount', 'amount'],
      value: 1,
    });
    const report = await bed.requests.request(verifyTipStreams, {});

    expect(report).toMatchObject({
      ok: false,
      firstBrokenLink: {
        streamId: tipStream(victim),
        streamPosition: altered.position,
        globalPosition: altered.globalPosition,
        reason: 'hash_mismatch',
      },
    });
  });
});
