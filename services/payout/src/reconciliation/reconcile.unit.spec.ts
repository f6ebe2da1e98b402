import { eur } from '@elan/domain-kernel';
import type { StripeRecords } from '@elan/payments';
import { reconcile } from './reconcile';
import { A, B, C, consistentWorld, feeOn, pi } from './reconciliation.fixtures';
import type { Mismatch, ReconciliationInput } from './reconciliation.types';

/** The world with one of Stripe's objects altered behind Élan's back, as the emulator's control API does. */
const withStripe = (alter: (stripe: StripeRecords) => StripeRecords): ReconciliationInput => {
  const world = consistentWorld();
  return { ...world, stripe: alter(world.stripe) };
};
const replace = <T>(items: readonly T[], match: (item: T) => boolean, change: (item: T) => T): T[] =>
  items.map((item) => (match(item) ? change(item) : item));
const only = (input: ReconciliationInput): Mismatch => {
  const { mismatches } = reconcile(input);
  expect(mismatches).toHaveLength(1);
  return mismatches[0] as Mismatch;
};
type Item<K extends keyof StripeRecords> = StripeRecords[K][number];
/** The one mismatch of the world where the objects of one of Stripe's lists that `match` picks were changed by `change`. */
const onlyWhenChanged = <K extends keyof StripeRecords>(
  list: K,
  match: (item: Item<K>) => boolean,
  change: (item: Item<K>) => Item<K>,
): Mismatch => only(withStripe((s) => ({ ...s, [list]: replace<Item<K>>(s[list], match, change) })));

describe('the reconciliation', () => {
  it('finds nothing in consistent books, and reports the figures to the cent', () => {
    const outcome = reconcile(consistentWorld());
    expect(outcome.mismatches).toEqual([]);
    expect(outcome.ok).toBe(true);
    const fees = feeOn(3_300) + feeOn(2_000) + feeOn(1_200) + feeOn(1_600) + feeOn(4_000);
    expect(outcome.totals).toEqual([
      {
        currency: 'EUR',
        pledgesCollected: 11_500,
        pledgesRefunded: 5_000,
        tipsCollected: 600,
        tipsRefunded: 100,
        transferred: 6_500,
        awaitingTransfer: 0,
        stillDue: 0,
        outstandingAdvances: 0,
        feesBorne: fees,
      },
    ]);
    expect(outcome.campaigns.find((c) => c.campaignId === C)).toMatchObject({
      collected: 4_000,
      refunded: 4_000,
      transferred: 0,
    });
    expect(outcome.checked).toMatchObject({
      campaigns: 3,
      pledges: 5,
      tips: 3,
      payments: 6,
      transfers: 3,
      balanceTransactions: 12,
    });
  });

  it('reports an altered amount_received as that payment’s mismatch only', () => {
    const mismatch = onlyWhenChanged(
      'payments',
      (p) => p.paymentId === pi(1),
      (p) => ({ ...p, amountReceived: eur(3_299) }),
    );
    expect(mismatch).toMatchObject({
      kind: 'payment_amount',
      campaignId: A,
      paymentIntentId: pi(1),
      expected: eur(3_300),
      actual: eur(3_299),
      stripeObjects: [pi(1)],
    });
    expect(mismatch.streams).toEqual([expect.stringMatching(/^pledge-/), expect.stringMatching(/^tip-/)]);
  });

  it('reports an altered refund as that payment’s refunds only', () =>
    expect(
      onlyWhenChanged(
        'refunds',
        (r) => r.refundId === 're_4',
        (r) => ({ ...r, amount: eur(90) }),
      ),
    ).toMatchObject({ kind: 'payment_refunds', campaignId: B, paymentIntentId: pi(4), expected: eur(100), actual: eur(90) }));

  it('reports an altered transfer as its campaign’s transfers only', () =>
    expect(
      onlyWhenChanged(
        'transfers',
        (t) => t.transferId === 'tr_A',
        (t) => ({ ...t, amount: eur(4_999) }),
      ),
    ).toMatchObject({
      kind: 'campaign_transfers',
      campaignId: A,
      expected: eur(5_000),
      actual: eur(4_999),
      stripeObjects: ['tr_A'],
    }));

  it('reports an altered reversal as its campaign’s transfers only', () =>
    expect(
      onlyWhenChanged(
        'transfers',
        (t) => t.transferId === 'tr_C',
        (t) => ({ ...t, amountReversed: eur(3_000) }),
      ),
    ).toMatchObject({ kind: 'campaign_transfers', campaignId: C, expected: eur(0), actual: eur(1_000) }));

  it.each([
    ['amount', { amount: eur(3_301) }, eur(3_300), eur(3_301)],
    ['fee', { fee: eur(1) }, eur(3_300), eur(3_300 - feeOn(3_300) + 1)],
    ['net', { net: eur(0) }, eur(3_300), eur(feeOn(3_300))],
  ])('reports a charge’s balance transaction with an altered %s as that transaction only', (_field, change, expected, actual) =>
    expect(
      onlyWhenChanged(
        'balanceTransactions',
        (b) => b.source === 'ch_1',
        (b) => ({ ...b, ...change }),
      ),
    ).toMatchObject({ kind: 'balance_transaction', campaignId: A, paymentIntentId: pi(1), expected, actual }),
  );

  it('reports a refund’s or a transfer’s balance transaction by Élan’s own amount', () => {
    expect(
      onlyWhenChanged(
        'balanceTransactions',
        (b) => b.source === 're_3',
        (b) => ({ ...b, amount: eur(-900), net: eur(-900) }),
      ),
    ).toMatchObject({ kind: 'balance_transaction', campaignId: B, expected: eur(-1_000), actual: eur(-900) });
    expect(
      onlyWhenChanged(
        'balanceTransactions',
        (b) => b.source === 'tr_B',
        (b) => ({ ...b, amount: eur(-1_400), net: eur(-1_400) }),
      ),
    ).toMatchObject({ kind: 'balance_transaction', campaignId: B, expected: eur(-1_500), actual: eur(-1_400) });
  });

  it('reports a balance transaction Élan never made', () =>
    expect(
      only(
        withStripe((s) => ({
          ...s,
          balanceTransactions: [
            ...s.balanceTransactions,
            {
              balanceTransactionId: 'txn_x',
              amount: eur(-700),
              fee: eur(0),
              net: eur(-700),
              source: 'tr_unknown',
              type: 'transfer',
            },
          ],
        })),
      ),
    ).toMatchObject({ kind: 'balance_transaction', expected: null, actual: eur(-700), stripeObjects: ['txn_x', 'tr_unknown'] }));

  it('reports money Stripe kept on a payment no service accounts for, not one given back whole', () => {
    const stray = (refunded: boolean) =>
      withStripe((s) => ({
        ...s,
        payments: [
          ...s.payments,
          {
            paymentId: 'pi_stray',
            status: 'succeeded',
            amountReceived: eur(800),
            chargeId: 'ch_stray',
            transferGroup: null,
            owner: undefined,
          },
        ],
        refunds: refunded
          ? [
              ...s.refunds,
              { refundId: 're_stray', paymentId: 'pi_stray', amount: eur(800), status: 'succeeded', owner: undefined },
            ]
          : s.refunds,
        // Its charge and refund moved the balance too: still one mismatch, the payment's.
        balanceTransactions: [
          ...s.balanceTransactions,
          {
            balanceTransactionId: 'txn_stray',
            amount: eur(800),
            fee: eur(37),
            net: eur(763),
            source: 'ch_stray',
            type: 'charge',
          },
          ...(refunded
            ? [
                {
                  balanceTransactionId: 'txn_stray_re',
                  amount: eur(-800),
                  fee: eur(0),
                  net: eur(-800),
                  source: 're_stray',
                  type: 'refund',
                },
              ]
            : []),
        ],
      }));
    expect(only(stray(false))).toMatchObject({
      kind: 'unknown_payment',
      paymentIntentId: 'pi_stray',
      expected: eur(0),
      actual: eur(800),
    });
    expect(reconcile(stray(true)).mismatches).toEqual([]);
  });

  it('passes a late payment refunded whole, which no pledge counts, and still checks its balance transactions', () => {
    const owner = { service: 'pledge' as const, entity: 'pledge', id: 'late' };
    const late = (fee: number) =>
      withStripe((s) => ({
        ...s,
        payments: [
          ...s.payments,
          {
            paymentId: 'pi_late',
            status: 'succeeded',
            amountReceived: eur(1_100),
            chargeId: 'ch_late',
            transferGroup: null,
            owner,
          },
        ],
        refunds: [...s.refunds, { refundId: 're_late', paymentId: 'pi_late', amount: eur(1_100), status: 'succeeded', owner }],
        balanceTransactions: [
          ...s.balanceTransactions,
          {
            balanceTransactionId: 'txn_late',
            amount: eur(1_100),
            fee: eur(fee),
            net: eur(1_100 - feeOn(1_100)),
            source: 'ch_late',
            type: 'charge',
          },
          {
            balanceTransactionId: 'txn_late_re',
            amount: eur(-1_100),
            fee: eur(0),
            net: eur(-1_100),
            source: 're_late',
            type: 'payment_refund',
          },
        ],
      }));
    expect(reconcile(late(feeOn(1_100))).mismatches).toEqual([]);
    expect(only(late(0))).toMatchObject({
      kind: 'balance_transaction',
      paymentIntentId: 'pi_late',
      key: 'balance_transaction:txn_late',
    });
  });

  it('reports a payout ledger that disagrees with the pledge service, once', () => {
    const world = consistentWorld();
    const facts = replace(
      world.pledgeFacts,
      (f) => f.paymentIntentId === pi(2),
      (f) => ({ ...f, paid: eur(2_100) }),
    );
    const { mismatches } = reconcile({ ...world, pledgeFacts: facts });
    // The payment check sees the pledge service's new part too: two of Élan's accounts now disagree with Stripe.
    expect(mismatches.map((m) => m.kind).sort()).toEqual(['balance_transaction', 'ledger_collected', 'payment_amount']);
    expect(mismatches.find((m) => m.kind === 'ledger_collected')).toMatchObject({
      campaignId: A,
      expected: eur(5_100),
      actual: eur(5_000),
    });
  });

  it('reports statements that disagree with their ledger as the campaign’s books', () => {
    const world = consistentWorld();
    const statements = replace(
      world.statements,
      (s) => s.campaignId === B,
      (s) => ({ ...s, netDue: eur(1_400) }),
    );
    const kinds = reconcile({ ...world, statements }).mismatches.map((m) => [m.kind, m.campaignId]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['campaign_books', B],
        ['campaign_transfers', B],
      ]),
    );
  });

  it('reports tips that disagree with the tipping ledger', () =>
    expect(only({ ...consistentWorld(), tipLedger: [{ total: eur(400), tips: 2 }] })).toMatchObject({
      kind: 'tips',
      expected: eur(500),
      actual: eur(400),
    }));

  it('reports a broken hash chain with its stream and campaign', () => {
    const world = consistentWorld();
    const [fact] = world.pledgeFacts;
    const broken = {
      ok: false,
      eventsChecked: 20,
      firstBrokenLink: { streamId: fact?.stream.streamId ?? '', streamPosition: 2, globalPosition: 7, reason: 'hash_mismatch' },
    };
    expect(only({ ...world, chains: { ...world.chains, pledge: broken } })).toMatchObject({
      kind: 'chain_broken',
      key: 'chain_broken:pledge',
      campaignId: A,
      streams: [fact?.stream.streamId],
    });
  });

  it('counts what is still due and what waits for its transfer', () => {
    const world = consistentWorld();
    const statements = replace(
      world.statements,
      (s) => s.campaignId === A,
      (s) => ({ ...s, transferId: null }),
    );
    const stripe = { ...world.stripe, transfers: world.stripe.transfers.filter((t) => t.transferId !== 'tr_A') };
    const balanceTransactions = stripe.balanceTransactions.filter((b) => b.source !== 'tr_A');
    const outcome = reconcile({ ...world, statements, stripe: { ...stripe, balanceTransactions } });
    expect(outcome.mismatches).toEqual([]);
    expect(outcome.totals[0]).toMatchObject({ transferred: 1_500, awaitingTransfer: 5_000 });
  });
});
