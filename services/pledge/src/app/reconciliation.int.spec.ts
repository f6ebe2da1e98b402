import { getPledgePaymentFacts, verifyPledgeStreams, type ReplyOf } from '@elan/contracts';
import { eur, uuidv7, ValidationError } from '@elan/domain-kernel';
import { alterEventBehindTheStore, planWithoutSeqScan, readAllPages } from '@elan/testing';
import { readHeads } from '@elan/transparency';
import type { PledgeCommandRequest } from '../application/pledge-application';
import { pledgeStream } from '../pledge';
import { pledgePaymentFactsSql } from '../read-models/payment-facts';
import { PledgeHolderTestbed, type TestPledge } from './pledge-holder.testbed';

type Fact = ReplyOf<typeof getPledgePaymentFacts>['facts'][number];

const HOUR = 3_600_000;
const holder = uuidv7();
const contributor = uuidv7();
const admin = uuidv7();
const asContributor = { actor: contributor, roles: ['contributor' as const] };
const asAdmin = { actor: admin, roles: ['contributor' as const, 'admin' as const] };

const pledgeOf = (amount: number, tip: number): TestPledge => ({
  contributor: { kind: 'account', accountId: contributor },
  name: 'Alex Martin',
  email: 'alex@example.org',
  showName: true,
  amount,
  tip,
});

/**
 * `rpc.pledge.GetPledgePaymentFacts.v1` and `rpc.pledge.VerifyMoneyStreams.v1`, asked over NATS
 * of the real pledge service, answered from its log in PostgreSQL: each pledge ever paid or
 * collected, its PaymentIntent, its pledge part paid and refunded, its stream's head; then its
 * hash chains, intact and after one row was altered behind the store's back.
 */
describe('the pledge service’s account for the reconciliation (real PostgreSQL and NATS)', () => {
  let bed: PledgeHolderTestbed;
  const expected = new Map<string, Omit<Fact, 'stream'>>();
  const absent: string[] = [];

  const execute = (command: PledgeCommandRequest) => bed.service.parts.pledges.execute(command);
  const allFacts = (limit: number) =>
    readAllPages(
      (after) => bed.requests.request(getPledgePaymentFacts, { limit, ...(after && { after }) }),
      limit,
      (fact) => fact.pledgeId,
    );

  beforeAll(async () => {
    bed = await PledgeHolderTestbed.start();

    // Keep-it-all: charged at commitment.
    const keepItAll = bed.campaign(holder, 'keep_it_all');
    const paid = await bed.pledge(keepItAll, pledgeOf(3_000, 300));
    expected.set(paid, {
      pledgeId: paid,
      campaignId: keepItAll,
      paymentIntentId: `pi_${paid.replace(/-/g, '')}`,
      paid: eur(3_000),
      refunded: null,
    });
    const refunded = await bed.pledge(keepItAll, pledgeOf(2_000, 0));
    await execute({ type: 'RequestRefund', data: { pledgeId: refunded }, metadata: asContributor });
    await execute({ type: 'GrantRefund', data: { pledgeId: refunded }, metadata: { actor: holder, roles: ['contributor'] } });
    expected.set(refunded, {
      pledgeId: refunded,
      campaignId: keepItAll,
      paymentIntentId: `pi_${refunded.replace(/-/g, '')}`,
      paid: eur(2_000),
      refunded: eur(2_000),
    });
    const cancelled = await bed.pledge(keepItAll, pledgeOf(1_500, 150));
    await bed.cancel(cancelled, { kind: 'account', accountId: contributor, roles: ['contributor'] });
    expected.set(cancelled, {
      pledgeId: cancelled,
      campaignId: keepItAll,
      paymentIntentId: `pi_${cancelled.replace(/-/g, '')}`,
      paid: eur(1_500),
      refunded: eur(1_500),
    });
    absent.push(await bed.pledge(keepItAll, pledgeOf(4_000, 400), false));

    // All-or-nothing: a card saved at commitment, charged at collection after the deadline.
    const allOrNothing = bed.campaign(holder, 'all_or_nothing');
    const collected = await bed.pledge(allOrNothing, pledgeOf(5_000, 500));
    const recollected = await bed.pledge(allOrNothing, pledgeOf(6_000, 0));
    const dropped = await bed.pledge(allOrNothing, pledgeOf(7_000, 700));
    const withdrawnUnpaid = await bed.pledge(allOrNothing, pledgeOf(8_000, 0));
    await bed.cancel(withdrawnUnpaid, { kind: 'account', accountId: contributor, roles: ['contributor'] });
    const collectedThenRefunded = await bed.pledge(allOrNothing, pledgeOf(9_000, 900));
    absent.push(dropped, withdrawnUnpaid);
    bed.clock.advance(2 * HOUR);

    await bed.collect(collected);
    expected.set(collected, {
      pledgeId: collected,
      campaignId: allOrNothing,
      paymentIntentId: `pi_collected_${collected.replace(/-/g, '')}`,
      paid: eur(5_000),
      refunded: null,
    });
    await bed.collect(collectedThenRefunded);
    await execute({ type: 'GrantRefund', data: { pledgeId: collectedThenRefunded }, metadata: asAdmin });
    expected.set(collectedThenRefunded, {
      pledgeId: collectedThenRefunded,
      campaignId: allOrNothing,
      paymentIntentId: `pi_collected_${collectedThenRefunded.replace(/-/g, '')}`,
      paid: eur(9_000),
      refunded: eur(9_000),
    });
    // Declined, the card updated, collected at the second attempt by another PaymentIntent.
    await execute({ type: 'RequestCollection', data: { pledgeId: recollected }, metadata: {} });
    await execute({
      type: 'RecordCollectionDecline',
      data: { pledgeId: recollected, declineCode: 'insufficient_funds' },
      metadata: {},
    });
    await execute({
      type: 'UpdateCard',
      data: { pledgeId: recollected, setupIntentId: 'seti_new_card' },
      metadata: asContributor,
    });
    await execute({ type: 'RequestCollection', data: { pledgeId: recollected }, metadata: {} });
    await execute({
      type: 'RecordCollection',
      data: {
        pledgeId: recollected,
        paymentIntentId: 'pi_second_attempt',
        collectedAt: bed.clock.now().toISOString(),
      },
      metadata: {},
    });
    expected.set(recollected, {
      pledgeId: recollected,
      campaignId: allOrNothing,
      paymentIntentId: 'pi_second_attempt',
      paid: eur(6_000),
      refunded: null,
    });
    // Declined, and the retry window closed: dropped, never charged.
    await execute({ type: 'RequestCollection', data: { pledgeId: dropped }, metadata: {} });
    await execute({ type: 'RecordCollectionDecline', data: { pledgeId: dropped, declineCode: 'card_declined' }, metadata: {} });
    bed.clock.advance(HOUR);
    await execute({ type: 'DropPledge', data: { pledgeId: dropped }, metadata: {} });
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('lists every pledge ever paid or collected, in pledge-id order, with the head of its stream', async () => {
    const { facts, pages } = await allFacts(500);

    const ids = [...expected.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const heads = await readHeads(bed.database.pool, bed.database.schema, { streamIds: ids.map(pledgeStream) });
    expect(pages).toBe(1);
    expect(facts).toEqual(
      ids.map((id) => ({ ...expected.get(id), stream: heads.find((head) => head.streamId === pledgeStream(id)) })),
    );
    expect(facts.every((fact) => fact.stream.position > 1 && /^[0-9a-f]{64}$/.test(fact.stream.hash))).toBe(true);
    for (const id of absent) expect(facts.map((fact) => fact.pledgeId)).not.toContain(id);
  });

  it('comes page by page, neither skipping nor repeating a pledge, the last page saying so', async () => {
    const whole = await allFacts(500);

    const byTwo = await allFacts(2);
    const byOne = await allFacts(1);

    expect(byTwo.pages).toBe(4); // 6 facts: 2 + 2 + 2, then an empty last page
    expect(byTwo.facts).toEqual(whole.facts);
    expect(byOne.facts).toEqual(whole.facts);
    const [, second] = whole.facts;
    const rest = await bed.requests.request(getPledgePaymentFacts, { after: second?.pledgeId ?? '', limit: 500 });
    expect(rest).toEqual({ facts: whole.facts.slice(2), next: null });
  });

  it('refuses a page of more than 500 facts, or of none', async () => {
    await expect(bed.requests.request(getPledgePaymentFacts, { limit: 501 })).rejects.toBeInstanceOf(ValidationError);
    await expect(bed.requests.request(getPledgePaymentFacts, { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('finds each page through the partial index of paid pledges, its filter and the index’s saying the same', async () => {
    const plan = await planWithoutSeqScan(bed.database.pool, pledgePaymentFactsSql(bed.database.schema), ['pledge-', 500, []]);

    expect(plan).toContain('events_pledge_payments');
  });

  it('verifies every hash chain, then names the link of a row altered behind the store’s back', async () => {
    const { rows } = await bed.database.pool.query<{ count: string }>(`SELECT count(*) FROM ${bed.database.schema}.events`);

    await expect(bed.requests.request(verifyPledgeStreams, {})).resolves.toEqual({
      ok: true,
      eventsChecked: Number(rows[0]?.count),
      firstBrokenLink: null,
    });

    const [victim] = [...expected.keys()];
    const altered = await alterEventBehindTheStore(bed.database.pool, bed.database.schema, {
      streamId: pledgeStream(victim ?? ''),
      type: 'PledgeCommitted',
      path: ['amount', 'amount'],
      value: 1,
    });
    const report = await bed.requests.request(verifyPledgeStreams, {});

    expect(report).toMatchObject({
      ok: false,
      firstBrokenLink: {
        streamId: pledgeStream(victim ?? ''),
        streamPosition: altered.position,
        globalPosition: altered.globalPosition,
        reason: 'hash_mismatch',
      },
    });
  });
});
