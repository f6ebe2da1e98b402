import { money } from '@elan/domain-kernel';
import type { PaymentRecord, RefundRecord } from '@elan/payments';
import { transferGroupOf } from '../statement';
import { sum, type ElanPayment } from './payments-index';
import type { Mismatch } from './reconciliation.types';

/** Refunds that moved money or will: a failed or cancelled refund gave nothing back. */
export const countedRefund = (refund: RefundRecord): boolean => refund.status === 'succeeded' || refund.status === 'pending';

/**
 * Every payment: Stripe's `amount_received` = its pledge part + its tip part; Stripe's refunds of
 * it = the pledge refunded + the tip refunded; its transfer group is its campaign's. Those three
 * Stripe fields are read here and nowhere else. A PaymentIntent no Élan service accounts for
 * must have kept nothing (received − refunded = 0).
 */
export const checkPayments = (
  elan: ReadonlyMap<string, ElanPayment>,
  stripePayments: readonly PaymentRecord[],
  refunds: readonly RefundRecord[],
): Mismatch[] => {
  const mismatches: Mismatch[] = [];
  const atStripe = new Map(stripePayments.map((payment) => [payment.paymentId, payment]));
  const refundsOf = new Map<string, RefundRecord[]>();
  for (const refund of refunds.filter(countedRefund)) {
    if (refund.paymentId === null) continue;
    refundsOf.set(refund.paymentId, [...(refundsOf.get(refund.paymentId) ?? []), refund]);
  }
  for (const payment of elan.values()) {
    const stripe = atStripe.get(payment.paymentIntentId);
    const paymentRefunds = refundsOf.get(payment.paymentIntentId) ?? [];
    const m = (amount: number) => money(amount, payment.currency);
    const about = {
      campaignId: payment.campaignId,
      paymentIntentId: payment.paymentIntentId,
      streams: payment.streams,
    };
    const expectedReceived = payment.pledgePaid + payment.tipPaid;
    const received = stripe?.amountReceived.amount ?? 0;
    if (received !== expectedReceived)
      mismatches.push({
        ...about,
        kind: 'payment_amount',
        key: `payment_amount:${payment.paymentIntentId}`,
        stripeObjects: [payment.paymentIntentId],
        expected: m(expectedReceived),
        actual: m(received),
        detail: stripe
          ? `Stripe received ${received} on ${payment.paymentIntentId}; Élan's pledge part (${payment.pledgePaid}) + tip part (${payment.tipPaid}) = ${expectedReceived}`
          : `Stripe does not list ${payment.paymentIntentId}, which Élan's services say paid ${expectedReceived}`,
      });
    const expectedRefunded = payment.pledgeRefunded + payment.tipRefunded;
    const refunded = sum(paymentRefunds.map((refund) => refund.amount.amount));
    if (refunded !== expectedRefunded)
      mismatches.push({
        ...about,
        kind: 'payment_refunds',
        key: `payment_refunds:${payment.paymentIntentId}`,
        stripeObjects: [payment.paymentIntentId, ...paymentRefunds.map((refund) => refund.refundId)],
        expected: m(expectedRefunded),
        actual: m(refunded),
        detail: `Stripe refunded ${refunded} of ${payment.paymentIntentId}; Élan's pledge refunded (${payment.pledgeRefunded}) + tip refunded (${payment.tipRefunded}) = ${expectedRefunded}`,
      });
    const group = payment.campaignId && transferGroupOf(payment.campaignId);
    if (stripe && group && stripe.transferGroup !== group)
      mismatches.push({
        ...about,
        kind: 'payment_campaign',
        key: `payment_campaign:${payment.paymentIntentId}`,
        stripeObjects: [payment.paymentIntentId],
        expected: null,
        actual: null,
        detail: `${payment.paymentIntentId} is in transfer group ${String(stripe.transferGroup)}, its campaign's is ${group}`,
      });
  }
  for (const stripe of stripePayments) {
    if (elan.has(stripe.paymentId)) continue;
    const paymentRefunds = refundsOf.get(stripe.paymentId) ?? [];
    const kept = stripe.amountReceived.amount - sum(paymentRefunds.map((refund) => refund.amount.amount));
    if (kept !== 0)
      mismatches.push({
        kind: 'unknown_payment',
        key: `unknown_payment:${stripe.paymentId}`,
        campaignId: campaignOfGroup(stripe.transferGroup),
        paymentIntentId: stripe.paymentId,
        streams: [],
        stripeObjects: [stripe.paymentId, ...paymentRefunds.map((refund) => refund.refundId)],
        expected: money(0, stripe.amountReceived.currency),
        actual: money(kept, stripe.amountReceived.currency),
        detail: `Stripe kept ${kept} of ${stripe.paymentId} (received − refunded), which no Élan service accounts for`,
      });
  }
  return mismatches;
};

const GROUP = /^campaign-(.+)$/;

/** The campaign a transfer group names, if it is one of Élan's. */
export const campaignOfGroup = (group: string | null): string | null => (group && GROUP.exec(group)?.[1]) ?? null;
