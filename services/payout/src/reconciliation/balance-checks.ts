import { money } from '@elan/domain-kernel';
import type { BalanceTransactionRecord, PaymentRecord, RefundRecord, StripeRecords } from '@elan/payments';
import { sum, type ElanPayment } from './payments-index';
import type { CampaignLedger, Mismatch, StatementRecord } from './reconciliation.types';

/** What Élan says one balance transaction (or a group of them) should have moved. */
interface Expectation {
  readonly key: string;
  readonly entries: BalanceTransactionRecord[];
  readonly currency: string;
  /** Élan's amount, signed as Stripe's balance (charges in, refunds and transfers out); null when the source is unknown. */
  readonly expected: number | null;
  readonly campaignId: string | null;
  readonly paymentIntentId: string | null;
  readonly streams: readonly string[];
  readonly stripeObjects: readonly string[];
  readonly what: string;
}

export interface BalanceReview {
  readonly mismatches: readonly Mismatch[];
  /** Stripe's fees on the charges of each campaign's payments, borne by the platform. */
  readonly feesByCampaign: ReadonlyMap<string, number>;
}

/**
 * Every fee accounted for: each balance transaction's source is a charge, refund, transfer or
 * reversal of Élan's, its amount is what Élan's own account says that object moved (never another
 * Stripe field: the PaymentIntent, refund and transfer amounts have their own checks), and
 * net + fee = amount. Refunds are compared per payment and service (the pledge part, the tip),
 * since Élan's facts hold refunded amounts, not refund ids. One mismatch per transaction or group
 * at most. The platform's own payouts to its bank (`payout`) are only checked for net + fee.
 */
export const checkBalanceTransactions = (
  elan: ReadonlyMap<string, ElanPayment>,
  stripe: StripeRecords,
  ledgers: readonly CampaignLedger[],
  statements: readonly StatementRecord[],
): BalanceReview => {
  const paymentOfCharge = new Map<string, PaymentRecord>();
  for (const payment of stripe.payments) if (payment.chargeId) paymentOfCharge.set(payment.chargeId, payment);
  const refunds = new Map<string, RefundRecord>(stripe.refunds.map((refund) => [refund.refundId, refund]));
  const paidStatements = new Map(statements.filter((s) => s.transferId !== null).map((s) => [s.transferId as string, s]));
  const reversals = new Map(
    ledgers.flatMap((ledger) => ledger.reversals.map((reversal) => [reversal.reversalId, { ...reversal, ledger }] as const)),
  );
  const groups = new Map<string, Expectation>();
  const feesByCampaign = new Map<string, number>();
  const expect = (entry: BalanceTransactionRecord, expectation: Omit<Expectation, 'entries'>) => {
    const group = groups.get(expectation.key);
    if (group) group.entries.push(entry);
    else groups.set(expectation.key, { ...expectation, entries: [entry] });
  };
  const unknown = (entry: BalanceTransactionRecord, what: string) =>
    expect(entry, {
      key: `balance_transaction:${entry.balanceTransactionId}`,
      currency: entry.amount.currency,
      expected: null,
      campaignId: null,
      paymentIntentId: null,
      streams: [],
      stripeObjects: [entry.balanceTransactionId, ...(entry.source ? [entry.source] : [])],
      what,
    });
  const own = (entry: BalanceTransactionRecord, expected: number | null, about: Partial<Expectation> & { what: string }) =>
    expect(entry, {
      key: `balance_transaction:${entry.balanceTransactionId}`,
      currency: entry.amount.currency,
      expected,
      campaignId: null,
      paymentIntentId: null,
      streams: [],
      stripeObjects: [entry.balanceTransactionId, ...(entry.source ? [entry.source] : [])],
      ...about,
    });

  for (const entry of stripe.balanceTransactions) {
    const source = entry.source ?? '';
    if (entry.type === 'charge' || entry.type === 'payment') {
      const payment = paymentOfCharge.get(source);
      const known = payment && elan.get(payment.paymentId);
      // A PaymentIntent on the platform's account is the payment check's to judge (unknown_payment):
      // only a charge of no listed PaymentIntent is a foreign source here, so a stray payment is one mismatch.
      if (!payment) {
        unknown(entry, `the charge ${source} belongs to no PaymentIntent of Élan's`);
        continue;
      }
      if (known?.campaignId) feesByCampaign.set(known.campaignId, (feesByCampaign.get(known.campaignId) ?? 0) + entry.fee.amount);
      // A PaymentIntent no service accounts for is the payment check's (unknown_payment): here only net + fee.
      own(entry, known ? known.pledgePaid + known.tipPaid : null, {
        campaignId: known?.campaignId ?? null,
        paymentIntentId: payment.paymentId,
        streams: known?.streams ?? [],
        what: `the charge of ${payment.paymentId}`,
        ...(known ? {} : { expected: entry.amount.amount }),
      });
    } else if (entry.type === 'refund' || entry.type === 'payment_refund') {
      const refund = refunds.get(source);
      const payment = refund?.paymentId ? elan.get(refund.paymentId) : undefined;
      if (!refund || !refund.paymentId) {
        unknown(entry, `the refund ${source} is of no payment of Élan's`);
        continue;
      }
      if (!payment) {
        own(entry, entry.amount.amount, { paymentIntentId: refund.paymentId, what: `the refund ${source}` });
        continue;
      }
      const part = refund.owner?.service === 'tipping' ? 'tip' : 'pledge';
      const refunded = part === 'tip' ? payment.tipRefunded : payment.pledgeRefunded;
      expect(entry, {
        key: `balance_transaction:refunds:${payment.paymentIntentId}:${part}`,
        currency: entry.amount.currency,
        expected: -refunded,
        campaignId: payment.campaignId,
        paymentIntentId: payment.paymentIntentId,
        streams: payment.streams,
        stripeObjects: [],
        what: `the ${part} refunds of ${payment.paymentIntentId}`,
      });
    } else if (entry.type === 'transfer') {
      const statement = paidStatements.get(source);
      if (!statement) {
        unknown(entry, `the transfer ${source} pays no statement of Élan's`);
        continue;
      }
      own(entry, -statement.netDue.amount, {
        campaignId: statement.campaignId,
        streams: [statement.streamId],
        what: `the transfer ${source} of statement ${statement.statementId}`,
      });
    } else if (entry.type === 'transfer_refund') {
      const reversal = reversals.get(source);
      if (!reversal) {
        unknown(entry, `the reversal ${source} is of no advance of Élan's`);
        continue;
      }
      own(entry, reversal.amount.amount, {
        campaignId: reversal.ledger.campaignId,
        streams: [reversal.ledger.streamId],
        what: `the reversal ${source} of transfer ${reversal.transferId}`,
      });
    } else if (entry.type === 'payout') {
      own(entry, entry.amount.amount, { what: `the platform's payout ${source}` });
    } else unknown(entry, `a ${entry.type} balance transaction Élan never made`);
  }

  const mismatches: Mismatch[] = [];
  for (const group of groups.values()) {
    const mismatch = mismatchOf(group);
    if (mismatch) mismatches.push(mismatch);
  }
  return { mismatches, feesByCampaign };
};

const mismatchOf = (group: Expectation): Mismatch | null => {
  const m = (amount: number) => money(amount, group.currency);
  const ids = group.entries.map((entry) => entry.balanceTransactionId);
  const base = {
    kind: 'balance_transaction' as const,
    key: group.key,
    campaignId: group.campaignId,
    paymentIntentId: group.paymentIntentId,
    streams: group.streams,
    stripeObjects: [...new Set([...group.stripeObjects, ...ids, ...group.entries.flatMap((e) => (e.source ? [e.source] : []))])],
  };
  const amount = sum(group.entries.map((entry) => entry.amount.amount));
  if (group.expected === null) return { ...base, expected: null, actual: m(amount), detail: `${ids.join(', ')}: ${group.what}` };
  const unbalanced = group.entries.filter((entry) => entry.net.amount + entry.fee.amount !== entry.amount.amount);
  if (amount !== group.expected)
    return {
      ...base,
      expected: m(group.expected),
      actual: m(amount),
      detail: `${ids.join(', ')} moved ${amount} for ${group.what}; Élan's account says ${group.expected}${
        unbalanced.length > 0 ? ' (and net + fee ≠ amount)' : ''
      }`,
    };
  const [first] = unbalanced;
  if (!first) return null;
  return {
    ...base,
    expected: first.amount,
    actual: m(first.net.amount + first.fee.amount),
    detail: `${first.balanceTransactionId} (${group.what}): net ${first.net.amount} + fee ${first.fee.amount} ≠ amount ${first.amount.amount}`,
  };
};
