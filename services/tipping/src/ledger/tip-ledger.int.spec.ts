import { getTipLedger, pledgeCollected, pledgeCommitted, pledgeWithdrawn, type ReplyOf } from '@elan/contracts';
import { ValidationError } from '@elan/domain-kernel';
import { waitUntil } from '@elan/testing';
import { ledgerLineOf, tipLedger, type LedgerTip } from '../tip';
import { aPledge, collected, committed, eur, withdrawn, type PledgeFacts } from '../test/pledge-events';
import { TippingTestbed } from '../test/tipping.testbed';

const OCTOBER = '2026-10-15T12:00:00.000Z';
const NOVEMBER = '2026-11-20T12:00:00.000Z';

/**
 * `rpc.tipping.GetTipLedger.v1` answered from the ledger's read model, itself projected from the
 * tip streams that the pledge events fed: the ledger equals what the streams say, and the money
 * the emulator moved balances.
 */
describe('the public tip ledger (rpc.tipping.GetTipLedger.v1)', () => {
  let bed: TippingTestbed;
  const pledges: PledgeFacts[] = [];

  const commit = async (facts: Partial<PledgeFacts>, at: string, model: 'keep_it_all' | 'all_or_nothing' = 'keep_it_all') => {
    const pledge = model === 'keep_it_all' ? await bed.charge(aPledge(facts)) : aPledge(facts);
    const stream = bed.publisher(pledge);
    await stream.publish(pledgeCommitted, committed(pledge, at, model));
    pledges.push(pledge);
    return { pledge, stream };
  };

  beforeAll(async () => {
    bed = await TippingTestbed.start();
    await commit({ tip: 300 }, OCTOBER);
    await commit({ tip: 0 }, OCTOBER);
    await commit({ tip: 500 }, OCTOBER);
    const refunded = await commit({ tip: 200 }, NOVEMBER);
    await refunded.stream.publish(pledgeWithdrawn, withdrawn(refunded.pledge, NOVEMBER, true));
    await bed.refundPledgePart({ ...refunded.pledge, paymentIntentId: refunded.pledge.paymentIntentId ?? '' });
    await commit({ tip: 100 }, OCTOBER, 'all_or_nothing');
    const later = await commit({ tip: 1_000, amount: 10_000 }, OCTOBER, 'all_or_nothing');
    const paid = await bed.charge(later.pledge);
    await later.stream.publish(pledgeCollected, collected(paid, NOVEMBER));
    await waitUntil(() => bed.consumerCaughtUp(), { timeoutMs: 10_000, description: 'every pledge event is handled' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  const ledgerOnce = (expected: (ledger: ReplyOf<typeof getTipLedger>) => boolean, range: { from?: string; to?: string } = {}) =>
    waitUntil(
      async () => {
        const ledger = await bed.requests.request(getTipLedger, { currency: 'EUR', ...range });
        return expected(ledger) ? ledger : undefined;
      },
      { timeoutMs: 10_000, description: 'the ledger caught up with the tip streams' },
    );

  it('publishes each month’s tips: total, count, share of contributions that tipped, average and lower median', async () => {
    // November holds the refunded 200 tip until the projection has seen its refund: wait for the 1,000 one.
    const ledger = await ledgerOnce(
      (l) => l.months.length === 2 && l.months[1]?.total.amount === 1_000 && l.months[0]?.contributions === 3,
    );

    expect(ledger).toEqual({
      currency: 'EUR',
      months: [
        {
          month: '2026-10',
          total: eur(800),
          tips: 2,
          contributions: 3,
          tippedPerMille: 667,
          average: eur(400),
          median: eur(300),
        },
        {
          month: '2026-11',
          total: eur(1_000),
          tips: 1,
          contributions: 1,
          tippedPerMille: 1_000,
          average: eur(1_000),
          median: eur(1_000),
        },
      ],
    });
  });

  it('equals the ledger computed from the tip streams themselves', async () => {
    const lines: LedgerTip[] = [];
    for (const { pledgeId } of pledges) {
      const line = ledgerLineOf(await bed.service.parts.tips.state(pledgeId));
      if (line) lines.push(line);
    }

    const ledger = await ledgerOnce((l) => l.months.length === 2 && l.months[1]?.total.amount === 1_000);

    expect(ledger.months).toEqual(tipLedger(lines, 'EUR'));
    await expect(bed.unbalancedBooks()).resolves.toEqual([]);
  });

  it('keeps to the months asked for, and to the currency', async () => {
    const november = await ledgerOnce((l) => l.months.length === 1, { from: '2026-11' });
    const october = await ledgerOnce((l) => l.months.length === 1, { from: '2026-01', to: '2026-10' });

    expect(november.months.map((m) => m.month)).toEqual(['2026-11']);
    expect(october.months.map((m) => m.month)).toEqual(['2026-10']);
    await expect(bed.requests.request(getTipLedger, { currency: 'CHF' })).resolves.toEqual({ currency: 'CHF', months: [] });
  });

  it('refuses a range that ends before it starts, naming from', async () => {
    const refusal = bed.requests.request(getTipLedger, { currency: 'EUR', from: '2026-11', to: '2026-10' });

    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(refusal).rejects.toMatchObject({ details: { field: 'from' } });
  });
});
