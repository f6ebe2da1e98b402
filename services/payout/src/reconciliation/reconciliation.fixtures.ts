import { eur, fold } from '@elan/domain-kernel';
import type { BalanceTransactionRecord, PaymentRecord, RefundRecord, StripeRecords, TransferRecord } from '@elan/payments';
import { payoutLedgerDecider, payoutLedgerStream, type PayoutLedgerEvent } from '../ledger';
import { statementStream, transferGroupOf } from '../statement';
import type { CampaignLedger, PledgeFact, ReconciliationInput, StatementRecord, TipFact } from './reconciliation.types';

/**
 * A small, consistent world (test data only), in integer cents:
 * - campaign A, all-or-nothing, succeeded: P1 30.00 + tip 3.00 (pi_A1), P2 20.00 (pi_A2), one
 *   declined collection (no payment); statement SA of 50.00 paid by tr_A;
 * - campaign B, keep-it-all: P3 10.00 + tip 2.00 (pi_B3), its pledge refunded; P4 15.00 + tip 1.00
 *   (pi_B4), its tip refunded alone; statement SB of 15.00 paid by tr_B;
 * - campaign C, keep-it-all, cancelled after its statement SC of 40.00 (tr_C): P5 refunded, the
 *   platform advanced 40.00 and reversed it from tr_C (trr_C), ADR 0027.
 * Stripe's fee on a charge: 1.5 % + 0.25, as the emulator's.
 */
export const A = '0195f0a0-0000-7000-8000-00000000a000';
export const B = '0195f0a0-0000-7000-8000-00000000b000';
export const C = '0195f0a0-0000-7000-8000-00000000c000';
const id = (n: number) => `0195f0a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const HASH = 'a'.repeat(64);
const T = '2026-06-01T00:00:00.000Z';
export const feeOn = (amount: number) => Math.floor((amount * 150 + 5_000) / 10_000) + 25;

interface Paid {
  readonly n: number;
  readonly campaignId: string;
  readonly pledge: number;
  readonly tip: number;
  readonly pledgeRefunded?: boolean;
  readonly tipRefunded?: boolean;
}

const PAID: readonly Paid[] = [
  { n: 1, campaignId: A, pledge: 3_000, tip: 300 },
  { n: 2, campaignId: A, pledge: 2_000, tip: 0 },
  { n: 3, campaignId: B, pledge: 1_000, tip: 200, pledgeRefunded: true },
  { n: 4, campaignId: B, pledge: 1_500, tip: 100, tipRefunded: true },
  { n: 5, campaignId: C, pledge: 4_000, tip: 0, pledgeRefunded: true },
];
export const pi = (n: number) => `pi_${n}`;

export const pledgeFacts = (): PledgeFact[] =>
  PAID.map((p) => ({
    pledgeId: id(p.n),
    campaignId: p.campaignId,
    paymentIntentId: pi(p.n),
    paid: eur(p.pledge),
    refunded: p.pledgeRefunded ? eur(p.pledge) : null,
    stream: { streamId: `pledge-${id(p.n)}`, position: 4, hash: HASH },
  }));

export const tipFacts = (): TipFact[] =>
  PAID.filter((p) => p.tip > 0).map((p) => ({
    tipId: id(100 + p.n),
    pledgeId: id(p.n),
    paymentIntentId: pi(p.n),
    paid: eur(p.tip),
    refunded: p.tipRefunded ? eur(p.tip) : null,
    stream: { streamId: `tip-${id(100 + p.n)}`, position: 2, hash: HASH },
  }));

const launched = (campaignId: string, fundingModel: 'all_or_nothing' | 'keep_it_all'): PayoutLedgerEvent => ({
  type: 'CampaignRecorded',
  data: { campaignId, holderId: id(900), fundingModel, currency: 'EUR', launchedAt: T },
});
const charged = (p: Paid): PayoutLedgerEvent => ({
  type: 'PledgeChargeRecorded',
  data: { campaignId: p.campaignId, pledgeId: id(p.n), amount: eur(p.pledge), paymentIntentId: pi(p.n), chargedAt: T },
});
const refunded = (p: Paid): PayoutLedgerEvent => ({
  type: 'PledgeRefundRecorded',
  data: { campaignId: p.campaignId, pledgeId: id(p.n), amount: eur(p.pledge), reason: 'refunded', refundedAt: T },
});
const stated = (campaignId: string, statementId: string, netDue: number, payments: string[]): PayoutLedgerEvent => ({
  type: 'StatementRecorded',
  data: {
    campaignId,
    statementId,
    sequence: 1,
    netDue: eur(netDue),
    refundsNetted: { count: 0, amount: eur(0) },
    payments,
    drawnAt: T,
  },
});
const [p1, p2, p3, p4, p5] = PAID as [Paid, Paid, Paid, Paid, Paid];
const SA = id(501);
const SB = id(502);
const SC = id(503);

const ledger = (
  campaignId: string,
  events: PayoutLedgerEvent[],
  reversals: CampaignLedger['reversals'] = [],
): CampaignLedger => ({
  campaignId,
  streamId: payoutLedgerStream(campaignId),
  state: fold(payoutLedgerDecider, events),
  reversals,
});

export const ledgers = (): CampaignLedger[] => [
  ledger(A, [
    launched(A, 'all_or_nothing'),
    { type: 'CampaignOutcomeRecorded', data: { campaignId: A, outcome: 'succeeded', closedAt: T } },
    charged(p1),
    charged(p2),
    stated(A, SA, 5_000, [pi(1), pi(2)]),
  ]),
  ledger(B, [launched(B, 'keep_it_all'), charged(p3), refunded(p3), charged(p4), stated(B, SB, 1_500, [pi(3), pi(4)])]),
  ledger(
    C,
    [
      launched(C, 'keep_it_all'),
      charged(p5),
      stated(C, SC, 4_000, [pi(5)]),
      { type: 'CampaignOutcomeRecorded', data: { campaignId: C, outcome: 'cancelled', closedAt: T } },
      refunded(p5),
      { type: 'PlatformAdvanceRecorded', data: { campaignId: C, advanceId: id(5), amount: eur(4_000), recordedAt: T } },
      {
        type: 'AdvanceReversalRecorded',
        data: {
          campaignId: C,
          reversalKey: id(5),
          amount: eur(4_000),
          transferId: 'tr_C',
          reversalId: 'trr_C',
          reversedAt: T,
        },
      },
    ],
    [{ reversalId: 'trr_C', transferId: 'tr_C', amount: eur(4_000) }],
  ),
];

const statement = (statementId: string, campaignId: string, netDue: number, transferId: string | null): StatementRecord => ({
  statementId,
  campaignId,
  streamId: statementStream(statementId),
  netDue: eur(netDue),
  transferId,
});

export const statements = (): StatementRecord[] => [
  statement(SA, A, 5_000, 'tr_A'),
  statement(SB, B, 1_500, 'tr_B'),
  statement(SC, C, 4_000, 'tr_C'),
];

const entry = (n: string, source: string, type: string, amount: number, fee = 0): BalanceTransactionRecord => ({
  balanceTransactionId: `txn_${n}`,
  amount: eur(amount),
  fee: eur(fee),
  net: eur(amount - fee),
  source,
  type,
});

export const stripeRecords = (): StripeRecords => {
  const payments: PaymentRecord[] = PAID.map((p) => ({
    paymentId: pi(p.n),
    status: 'succeeded',
    amountReceived: eur(p.pledge + p.tip),
    chargeId: `ch_${p.n}`,
    transferGroup: transferGroupOf(p.campaignId),
    owner: { service: 'pledge', entity: 'pledge', id: id(p.n) },
  }));
  // The declined collection of campaign A: a PaymentIntent that received nothing.
  payments.push({
    paymentId: 'pi_declined',
    status: 'awaiting_card',
    amountReceived: eur(0),
    chargeId: 'ch_declined',
    transferGroup: transferGroupOf(A),
    owner: { service: 'pledge', entity: 'pledge', id: id(6) },
  });
  const refunds: RefundRecord[] = [
    {
      refundId: 're_3',
      paymentId: pi(3),
      amount: eur(1_000),
      status: 'succeeded',
      owner: { service: 'pledge', entity: 'pledge', id: id(3) },
    },
    {
      refundId: 're_4',
      paymentId: pi(4),
      amount: eur(100),
      status: 'succeeded',
      owner: { service: 'tipping', entity: 'tip', id: id(104) },
    },
    {
      refundId: 're_5',
      paymentId: pi(5),
      amount: eur(4_000),
      status: 'succeeded',
      owner: { service: 'pledge', entity: 'pledge', id: id(5) },
    },
  ];
  const transfer = (transferId: string, campaignId: string, amount: number, reversed = 0): TransferRecord => ({
    transferId,
    amount: eur(amount),
    amountReversed: eur(reversed),
    transferGroup: transferGroupOf(campaignId),
    destinationAccountId: 'acct_holder',
    reversals: reversed > 0 ? [{ reversalId: `trr_${transferId.slice(3)}`, amount: eur(reversed) }] : [],
    owner: { service: 'payout', entity: 'statement', id: transferId },
  });
  const transfers = [transfer('tr_A', A, 5_000), transfer('tr_B', B, 1_500), transfer('tr_C', C, 4_000, 4_000)];
  const balanceTransactions = [
    ...PAID.map((p) => entry(`ch_${p.n}`, `ch_${p.n}`, 'charge', p.pledge + p.tip, feeOn(p.pledge + p.tip))),
    ...refunds.map((r) => entry(r.refundId, r.refundId, 'refund', -r.amount.amount)),
    ...transfers.map((t) => entry(t.transferId, t.transferId, 'transfer', -t.amount.amount)),
    entry('trr_C', 'trr_C', 'transfer_refund', 4_000),
  ];
  return { payments, refunds, transfers, balanceTransactions };
};

export const consistentWorld = (): ReconciliationInput => ({
  pledgeFacts: pledgeFacts(),
  tipFacts: tipFacts(),
  chains: {
    pledge: { ok: true, eventsChecked: 20, firstBrokenLink: null },
    tipping: { ok: true, eventsChecked: 8, firstBrokenLink: null },
    payout: { ok: true, eventsChecked: 30, firstBrokenLink: null },
  },
  ledgers: ledgers(),
  statements: statements(),
  // Tips still paid: 3.00 (P1) + 2.00 (P3's tip stays: only its pledge was refunded).
  tipLedger: [{ total: eur(500), tips: 2 }],
  stripe: stripeRecords(),
});
